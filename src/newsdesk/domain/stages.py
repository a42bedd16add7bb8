"""Editorial stages: the path a story takes from reporter to editor to sub-editor to the site,
and who may move it along. No database here; the site's own workflow is stored in the library
(``services.newsroom``) and parsed by ``Workflow.from_json``.

A transition names the roles allowed to make it (none: anyone) and whether the pre-flight
checklist must pass. Desks get roles in the site's workflow ("Priya Raman": ["editor"]). A
site that gives nobody a role has no permissions to check: a reporter alone on a laptop is
never locked out of their own story.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from newsdesk.domain.plain import plain
from newsdesk.errors import UserError

DRAFT, PUBLISHED, SPIKED = "draft", "published", "spiked"


@dataclass(frozen=True)
class Stage:
    name: str
    label: str

    def to_json(self) -> dict[str, Any]:
        return plain(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Stage:
        return cls(str(data["name"]), str(data.get("label") or data["name"]))


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    roles: tuple[str, ...] = ()  # empty: any desk
    preflight: bool = False

    def to_json(self) -> dict[str, Any]:
        return plain(self, rename={"source": "from", "target": "to"})

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Transition:
        return cls(
            str(data["from"]),
            str(data["to"]),
            tuple(data.get("roles") or ()),
            bool(data.get("preflight", False)),
        )


DEFAULT_STAGES = (
    Stage(DRAFT, "Draft"),
    Stage("ready_for_edit", "Ready for edit"),
    Stage("edited", "Edited"),
    Stage("ready_to_publish", "Ready to publish"),
    Stage(PUBLISHED, "Published"),
    Stage(SPIKED, "Spiked"),
)
DEFAULT_TRANSITIONS = (
    Transition(DRAFT, "ready_for_edit"),
    Transition("ready_for_edit", DRAFT),
    Transition("ready_for_edit", "edited", ("editor",)),
    Transition("edited", "ready_for_edit", ("editor", "sub-editor")),
    Transition("edited", "ready_to_publish", ("sub-editor", "editor")),
    Transition("ready_to_publish", "edited", ("sub-editor", "editor")),
    Transition("ready_to_publish", PUBLISHED, ("editor",), preflight=True),
    Transition(PUBLISHED, "edited", ("editor",)),
    *(Transition(s, SPIKED, ("editor",)) for s in (DRAFT, "ready_for_edit", "edited")),
    Transition("ready_to_publish", SPIKED, ("editor",)),
    Transition(SPIKED, DRAFT, ("editor",)),
)


@dataclass(frozen=True)
class Workflow:
    stages: tuple[Stage, ...] = DEFAULT_STAGES
    transitions: tuple[Transition, ...] = DEFAULT_TRANSITIONS
    # desk name -> roles ("editor", "sub-editor", …)
    roles: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def label(self, name: str) -> str:
        return next((s.label for s in self.stages if s.name == name), name.replace("_", " "))

    def find(self, text: str) -> str:
        """A stage by name or label, in any case: "ready to publish", "Edited", "spiked"."""
        wanted = text.strip().lower().replace("-", "_").replace(" ", "_")
        for stage in self.stages:
            if wanted in (stage.name, stage.label.lower().replace(" ", "_")):
                return stage.name
        raise UserError(
            f"Unknown stage {text!r}; the stages are: {', '.join(s.label for s in self.stages)}"
        )

    def transition(self, source: str, target: str) -> Transition | None:
        return next(
            (t for t in self.transitions if t.source == source and t.target == target), None
        )

    def next_stages(self, source: str) -> list[str]:
        return [t.target for t in self.transitions if t.source == source]

    def roles_of(self, desk: str) -> tuple[str, ...]:
        return self.roles.get(desk, ())

    def may(self, desk: str, transition: Transition) -> bool:
        if not transition.roles or not self.roles:
            return True
        return bool(set(transition.roles) & set(self.roles_of(desk)))

    def to_json(self) -> dict[str, Any]:
        return {
            "stages": [s.to_json() for s in self.stages],
            "transitions": [t.to_json() for t in self.transitions],
            "roles": {desk: list(r) for desk, r in self.roles.items()},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Workflow:
        try:
            stages = tuple(map(Stage.from_json, data.get("stages") or ())) or DEFAULT_STAGES
            names = {s.name for s in stages}
            transitions = tuple(map(Transition.from_json, data.get("transitions") or ())) or (
                DEFAULT_TRANSITIONS if stages == DEFAULT_STAGES else ()
            )
            roles = {str(k): tuple(map(str, v)) for k, v in (data.get("roles") or {}).items()}
        except (KeyError, TypeError, AttributeError) as exc:
            raise UserError(f"The site's workflow is not valid: {exc}") from exc
        for t in transitions:
            if t.source not in names or t.target not in names:
                raise UserError(
                    f"The site's workflow moves {t.source!r} to {t.target!r}, "
                    "which is not one of its stages"
                )
        return cls(stages, transitions, roles)


# Today's status -> its stage (the 0008 migration does the same for existing libraries).
STAGE_OF_STATUS = {
    "draft": DRAFT,
    "in_review": "ready_for_edit",
    "ready": "ready_to_publish",
    "scheduled": "ready_to_publish",
    "published": PUBLISHED,
    "archived": PUBLISHED,
}


def stage_label(name: str) -> str:
    """The default workflow's label of a stage (a site's own stages show their names)."""
    return Workflow().label(name)


def countdown(deadline: datetime | None, now: datetime | None = None) -> str:
    """ "2 h 15 min left", "3 d 4 h left", "40 min overdue"; "" without a deadline."""
    if deadline is None:
        return ""
    delta = deadline - (now or datetime.now(UTC))
    seconds = int(delta.total_seconds())
    late, seconds = seconds < 0, abs(seconds)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days:
        text = f"{days} d {hours} h"
    elif hours:
        text = f"{hours} h {minutes} min"
    else:
        text = f"{minutes} min"
    return f"{text} overdue" if late else f"{text} left"

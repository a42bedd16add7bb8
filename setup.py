"""Packaging glue: ships the top-level resources/ folder inside the wheel as newsdesk.resources."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages("src"), "newsdesk.resources"],
    package_dir={"": "src", "newsdesk.resources": "resources"},
    package_data={
        "newsdesk": ["py.typed", "storage/migrations/*.ini", "storage/migrations/*.mako"],
        "newsdesk.resources": ["**/*"],
    },
    include_package_data=True,
)

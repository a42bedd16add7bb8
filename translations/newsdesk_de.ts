<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AppearanceTab</name>
    <message>
        <source>Follow the &amp;system</source>
        <translation>Wie das &amp;System</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Dunkel</translation>
    </message>
    <message>
        <source>Theme:</source>
        <translation>Farbschema:</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Sprache des Systems</translation>
    </message>
    <message>
        <source>Interface &amp;language (after a restart):</source>
        <translation>Sprache der &amp;Oberfläche (nach einem Neustart):</translation>
    </message>
</context>
<context>
    <name>EditorTab</name>
    <message>
        <source>Smart quotes and dashes while typing</source>
        <translation>Typografische Anführungszeichen und Striche beim Tippen</translation>
    </message>
    <message>
        <source>&amp;Font:</source>
        <translation>&amp;Schrift:</translation>
    </message>
    <message>
        <source>&amp;Size:</source>
        <translation>&amp;Größe:</translation>
    </message>
    <message>
        <source>Spell-check &amp;languages:</source>
        <translation>Rechtschreib&amp;prüfung in:</translation>
    </message>
    <message>
        <source>No spell-check dictionaries are installed.</source>
        <translation>Es sind keine Wörterbücher für die Rechtschreibprüfung installiert.</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Site</source>
        <translation>&amp;Website</translation>
    </message>
    <message>
        <source>&amp;Editor</source>
        <translation>&amp;Editor</translation>
    </message>
    <message>
        <source>&amp;Appearance</source>
        <translation>&amp;Darstellung</translation>
    </message>
    <message>
        <source>&amp;You</source>
        <translation>&amp;Ich</translation>
    </message>
    <message>
        <source>&amp;Publishing</source>
        <translation>&amp;Veröffentlichen</translation>
    </message>
    <message>
        <source>The site needs a name.</source>
        <translation>Die Website braucht einen Namen.</translation>
    </message>
</context>
<context>
    <name>PublishingTab</name>
    <message>
        <source>Publishing targets in this library:</source>
        <translation>Veröffentlichungsziele in dieser Bibliothek:</translation>
    </message>
    <message>
        <source>Add, test or remove targets with Article → Publishing Targets… (or “newsdesk target add …”).</source>
        <translation>Ziele hinzufügen, prüfen oder entfernen: Artikel → Veröffentlichungsziele… (oder „newsdesk target add …“).</translation>
    </message>
    <message>
        <source>No targets yet.</source>
        <translation>Noch keine Ziele.</translation>
    </message>
</context>
<context>
    <name>SiteTab</name>
    <message>
        <source>(no dateline)</source>
        <translation>(keine Ortsmarke)</translation>
    </message>
    <message>
        <source>Transliterated: strasse, vstrecha-v-dokhe</source>
        <translation>Umschrieben: strasse, vstrecha-v-dokhe</translation>
    </message>
    <message>
        <source>Every script&apos;s letters: straße, встреча-в-дохе</source>
        <translation>Buchstaben jeder Schrift: straße, встреча-в-дохе</translation>
    </message>
    <message>
        <source>Where the site is published: feeds, the sitemap and the pages&apos; canonical links need its whole address</source>
        <translation>Wo die Website erscheint: Feeds, die Sitemap und die kanonischen Links der Seiten brauchen ihre vollständige Adresse</translation>
    </message>
    <message>
        <source>Fields: {weekday}, {day}, {month}, {year}</source>
        <translation>Felder: {weekday}, {day}, {month}, {year}</translation>
    </message>
    <message>
        <source>The published page&apos;s language: its labels, dates and direction</source>
        <translation>Die Sprache der veröffentlichten Seite: Beschriftungen, Datumsangaben und Schreibrichtung</translation>
    </message>
    <message>
        <source> characters</source>
        <translation> Zeichen</translation>
    </message>
    <message>
        <source>Site &amp;name:</source>
        <translation>&amp;Name der Website:</translation>
    </message>
    <message>
        <source>&amp;Tagline:</source>
        <translation>&amp;Unterzeile:</translation>
    </message>
    <message>
        <source>Site &amp;address:</source>
        <translation>&amp;Adresse der Website:</translation>
    </message>
    <message>
        <source>Page lan&amp;guage:</source>
        <translation>&amp;Sprache der Seite:</translation>
    </message>
    <message>
        <source>&amp;Date format:</source>
        <translation>&amp;Datumsformat:</translation>
    </message>
    <message>
        <source>Masthead, &amp;left:</source>
        <translation>Kopfzeile, &amp;links:</translation>
    </message>
    <message>
        <source>Masthead, &amp;right:</source>
        <translation>Kopfzeile, &amp;rechts:</translation>
    </message>
    <message>
        <source>&amp;Headline budget:</source>
        <translation>Länge der Ü&amp;berschrift:</translation>
    </message>
    <message>
        <source>&amp;Standfirst budget:</source>
        <translation>Länge des &amp;Vorspanns:</translation>
    </message>
    <message>
        <source>Date&amp;line style:</source>
        <translation>&amp;Ortsmarke:</translation>
    </message>
    <message>
        <source>Sl&amp;ugs:</source>
        <translation>URL-&amp;Kürzel:</translation>
    </message>
</context>
</TS>

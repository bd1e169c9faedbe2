<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ActionRegistry</name>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>&amp;Open Video…</source>
        <translation>Video &amp;öffnen …</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Playback</source>
        <translation>Wiedergabe</translation>
    </message>
    <message>
        <source>&amp;Play / Pause</source>
        <translation>&amp;Wiedergabe / Pause</translation>
    </message>
    <message>
        <source>P&amp;revious Sampled Frame</source>
        <translation>&amp;Vorheriges abgetastetes Bild</translation>
    </message>
    <message>
        <source>&amp;Next Sampled Frame</source>
        <translation>&amp;Nächstes abgetastetes Bild</translation>
    </message>
    <message>
        <source>&amp;First Sampled Frame</source>
        <translation>&amp;Erstes abgetastetes Bild</translation>
    </message>
    <message>
        <source>&amp;Last Sampled Frame</source>
        <translation>&amp;Letztes abgetastetes Bild</translation>
    </message>
    <message>
        <source>Open &amp;Run…</source>
        <translation>&amp;Lauf öffnen …</translation>
    </message>
    <message>
        <source>View</source>
        <translation>Ansicht</translation>
    </message>
    <message>
        <source>&amp;Cycle Overlay (Off / Mask / Scores)</source>
        <translation>Überlagerung &amp;wechseln (aus / Maske / Scores)</translation>
    </message>
    <message>
        <source>&amp;Increase Overlay Opacity</source>
        <translation>Deckkraft der Überlagerung &amp;erhöhen</translation>
    </message>
    <message>
        <source>&amp;Decrease Overlay Opacity</source>
        <translation>Deckkraft der Überlagerung &amp;verringern</translation>
    </message>
    <message>
        <source>&amp;Save Run…</source>
        <translation>Lauf &amp;speichern …</translation>
    </message>
    <message>
        <source>Ask</source>
        <translation>Fragen</translation>
    </message>
    <message>
        <source>C&amp;hoose Model…</source>
        <translation>&amp;Modell wählen …</translation>
    </message>
    <message>
        <source>&amp;Run Question</source>
        <translation>Frage &amp;stellen</translation>
    </message>
    <message>
        <source>Cancel &amp;Question</source>
        <translation>Frage abbre&amp;chen</translation>
    </message>
    <message>
        <source>Previous Ra&amp;w Video Frame</source>
        <translation>Vorheriges &amp;Rohbild</translation>
    </message>
    <message>
        <source>Next Raw &amp;Video Frame</source>
        <translation>Nächstes Roh&amp;bild</translation>
    </message>
    <message>
        <source>&amp;Back One Second</source>
        <translation>Eine Sekunde &amp;zurück</translation>
    </message>
    <message>
        <source>F&amp;orward One Second</source>
        <translation>Eine Sekunde v&amp;orwärts</translation>
    </message>
    <message>
        <source>Shuttle Rever&amp;se</source>
        <translation>Shuttle rüc&amp;kwärts</translation>
    </message>
    <message>
        <source>Shuttle P&amp;ause</source>
        <translation>Shuttle &amp;anhalten</translation>
    </message>
    <message>
        <source>Shuttle Forwar&amp;d</source>
        <translation>&amp;Shuttle vorwärts</translation>
    </message>
    <message>
        <source>&amp;Zoom In</source>
        <translation>Ver&amp;größern</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>Ver&amp;kleinern</translation>
    </message>
    <message>
        <source>Zoom to Fi&amp;t</source>
        <translation>In Fenster ein&amp;passen</translation>
    </message>
    <message>
        <source>&amp;Actual Size (100 %)</source>
        <translation>&amp;Originalgröße (100 %)</translation>
    </message>
    <message>
        <source>Show Cell &amp;Grid</source>
        <translation>&amp;Zellraster anzeigen</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Quick S&amp;creenshot</source>
        <translation>Sch&amp;nell-Screenshot</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>E&amp;xportieren …</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Hilfe</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen …</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>&amp;Fit Scorer…</source>
        <translation>Scorer &amp;anpassen …</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Vergleichen</translation>
    </message>
    <message>
        <source>&amp;Compare Runs…</source>
        <translation>Läufe &amp;vergleichen …</translation>
    </message>
    <message>
        <source>Normalise Scores per &amp;Frame</source>
        <translation>Scores pro &amp;Bild normalisieren</translation>
    </message>
    <message>
        <source>&amp;Evaluation…</source>
        <translation>Aus&amp;wertung …</translation>
    </message>
</context>
<context>
    <name>ColourMap</name>
    <message>
        <source>Viridis</source>
        <translation>Viridis</translation>
    </message>
    <message>
        <source>Magma</source>
        <translation>Magma</translation>
    </message>
    <message>
        <source>Turbo</source>
        <translation>Turbo</translation>
    </message>
    <message>
        <source>Grey</source>
        <translation>Grau</translation>
    </message>
</context>
<context>
    <name>CompareRuns</name>
    <message>
        <source>kept by both</source>
        <translation>von beiden behalten</translation>
    </message>
    <message>
        <source>only %1</source>
        <translation>nur %1</translation>
    </message>
    <message>
        <source>dropped by both</source>
        <translation>von beiden verworfen</translation>
    </message>
    <message>
        <source>(no answer: a vision-only run)</source>
        <translation>(keine Antwort: ein reiner Bild-Lauf)</translation>
    </message>
    <message>
        <source>%1 · %2 answer tokens
%3</source>
        <translation>%1 · %2 Antwort-Tokens
%3</translation>
    </message>
    <message>
        <source>run %1</source>
        <translation>Lauf %1</translation>
    </message>
    <message>
        <source>Choose between %1 and %2 runs to compare (%3 given).</source>
        <translation>Wählen Sie zwischen %1 und %2 Läufe zum Vergleichen (%3 angegeben).</translation>
    </message>
    <message>
        <source>“%1” was made from another video (%2) than “%3” (%4); only runs of the same video can be compared.</source>
        <translation>„%1“ stammt von einem anderen Video (%2) als „%3“ (%4); nur Läufe desselben Videos lassen sich vergleichen.</translation>
    </message>
    <message>
        <source>“%1” has %2 sampled frames and “%3” has %4; compare runs made with the same sampling.</source>
        <translation>„%1“ hat %2 abgetastete Bilder und „%3“ hat %4; vergleichen Sie Läufe mit derselben Abtastung.</translation>
    </message>
    <message>
        <source>%1 · %2 · keep %3 % · %4 vision tokens · %5 answer tokens</source>
        <translation>%1 · %2 · behalten %3 % · %4 Bild-Tokens · %5 Antwort-Tokens</translation>
    </message>
    <message>
        <source>%1 · %2 · sample %3 of %4</source>
        <translation>%1 · %2 · Abtastbild %3 von %4</translation>
    </message>
    <message>
        <source>“%1” sampled other frames than “%2” (sample %3 is at %4 s instead of %5 s); compare runs made with the same sampling.</source>
        <translation>„%1“ hat andere Bilder abgetastet als „%2“ (Abtastbild %3 liegt bei %4 s statt bei %5 s); vergleichen Sie Läufe mit derselben Abtastung.</translation>
    </message>
</context>
<context>
    <name>EngineError</name>
    <message>
        <source>This request cannot be carried out.</source>
        <translation>Diese Anfrage kann nicht ausgeführt werden.</translation>
    </message>
    <message>
        <source>Something that should be there was not found.</source>
        <translation>Etwas, das vorhanden sein sollte, wurde nicht gefunden.</translation>
    </message>
    <message>
        <source>The file is damaged, incomplete or not what it claims to be.</source>
        <translation>Die Datei ist beschädigt, unvollständig oder nicht das, was sie zu sein vorgibt.</translation>
    </message>
    <message>
        <source>This kind of input is not supported.</source>
        <translation>Diese Art von Eingabe wird nicht unterstützt.</translation>
    </message>
    <message>
        <source>The input is larger than STTS Lens accepts; try fewer frames.</source>
        <translation>Die Eingabe ist größer, als STTS Lens annimmt; versuchen Sie es mit weniger Bildern.</translation>
    </message>
    <message>
        <source>The operation took too long and was stopped.</source>
        <translation>Der Vorgang hat zu lange gedauert und wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>Out of memory; try fewer frames, bfloat16 or the CPU.</source>
        <translation>Nicht genügend Speicher; versuchen Sie es mit weniger Bildern, bfloat16 oder der CPU.</translation>
    </message>
    <message>
        <source>The system refused to read or write a file.</source>
        <translation>Das System hat das Lesen oder Schreiben einer Datei verweigert.</translation>
    </message>
    <message>
        <source>STTS Lens hit an internal error; please report it.</source>
        <translation>In STTS Lens ist ein interner Fehler aufgetreten; bitte melden Sie ihn.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>EvalFolder</name>
    <message>
        <source>“%1” is not a file.</source>
        <translation>„%1“ ist keine Datei.</translation>
    </message>
    <message>
        <source>Could not read “%1”: %2.</source>
        <translation>„%1“ konnte nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>“%1” is %2 MiB, too large for a file of an eval.</source>
        <translation>„%1“ ist %2 MiB groß, zu groß für eine Datei einer Auswertung.</translation>
    </message>
    <message numerus="yes">
        <source>%n samples</source>
        <translation>
            <numerusform>%n Beispiel</numerusform>
            <numerusform>%n Beispiele</numerusform>
        </translation>
    </message>
    <message>
        <source>model %1</source>
        <translation>Modell %1</translation>
    </message>
    <message>
        <source>engine %1</source>
        <translation>Engine %1</translation>
    </message>
    <message>
        <source>prompt %1, parser %2</source>
        <translation>Prompt %1, Parser %2</translation>
    </message>
    <message numerus="yes">
        <source>merged from %n shards</source>
        <translation>
            <numerusform>aus %n Teil zusammengeführt</numerusform>
            <numerusform>aus %n Teilen zusammengeführt</numerusform>
        </translation>
    </message>
    <message>
        <source>The folder “%1” does not exist.</source>
        <translation>Der Ordner „%1“ existiert nicht.</translation>
    </message>
    <message>
        <source>“%1” is not an eval folder: it has no %2. Choose the folder that `stts eval -o` wrote.</source>
        <translation>„%1“ ist kein Auswertungsordner: Er enthält keine %2. Wählen Sie den Ordner, den `stts eval -o` geschrieben hat.</translation>
    </message>
    <message numerus="yes">
        <source>There is no %1 yet, so its %n shard files were read together (`stts merge` joins them).</source>
        <translation>
            <numerusform>Es gibt noch keine %1, daher wurde ihre %n Teildatei gelesen (`stts merge` führt die Teile zusammen).</numerusform>
            <numerusform>Es gibt noch keine %1, daher wurden ihre %n Teildateien zusammen gelesen (`stts merge` führt sie zusammen).</numerusform>
        </translation>
    </message>
    <message>
        <source>The evaluation in “%1” cannot be shown: %2.</source>
        <translation>Die Auswertung in „%1“ kann nicht angezeigt werden: %2.</translation>
    </message>
    <message>
        <source>The evaluation in “%1” has no answers yet: wait until `stts eval` has finished a sample.</source>
        <translation>Die Auswertung in „%1“ hat noch keine Antworten: Warten Sie, bis `stts eval` ein Beispiel beendet hat.</translation>
    </message>
    <message>
        <source>Lines cut short by a stopped eval were left out: %1.</source>
        <translation>Zeilen, die eine abgebrochene Auswertung unvollständig hinterließ, wurden ausgelassen: %1.</translation>
    </message>
    <message>
        <source>Answers that could not be run: %1 (the Samples tab says why).</source>
        <translation>Antworten, die nicht ausgeführt werden konnten: %1 (der Reiter „Beispiele“ nennt den Grund).</translation>
    </message>
    <message>
        <source>The metrics file could not be read, so the header shows only what the predictions say.</source>
        <translation>Die Metrikdatei konnte nicht gelesen werden; die Kopfzeile zeigt daher nur, was die Vorhersagen angeben.</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>No file name was given for the export.</source>
        <translation>Für den Export wurde kein Dateiname angegeben.</translation>
    </message>
    <message>
        <source>Cell data and run metadata need a run; only a video is open.</source>
        <translation>Zelldaten und Lauf-Metadaten erfordern einen Lauf; es ist nur ein Video geöffnet.</translation>
    </message>
    <message>
        <source>The export was cancelled.</source>
        <translation>Der Export wurde abgebrochen.</translation>
    </message>
    <message>
        <source>score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>kept</source>
        <translation>behalten</translation>
    </message>
    <message>
        <source>dropped</source>
        <translation>verworfen</translation>
    </message>
    <message>
        <source>kept by both</source>
        <translation>von beiden behalten</translation>
    </message>
    <message>
        <source>only %1</source>
        <translation>nur %1</translation>
    </message>
    <message>
        <source>by neither</source>
        <translation>von keinem</translation>
    </message>
    <message>
        <source>Only the run&apos;s stored %1 × %2 model inputs are available, so the frame is written at %3 × %4 instead of the video&apos;s %5 × %6.</source>
        <translation>Nur die im Lauf gespeicherten Modelleingaben mit %1 × %2 sind verfügbar, daher wird das Bild mit %3 × %4 statt mit den %5 × %6 des Videos geschrieben.</translation>
    </message>
    <message>
        <source>The frame is written at %1 × %2, smaller than the video&apos;s %3 × %4.</source>
        <translation>Das Bild wird mit %1 × %2 geschrieben, kleiner als die %3 × %4 des Videos.</translation>
    </message>
    <message>
        <source>%1 of %2 cells kept</source>
        <translation>%1 von %2 Zellen behalten</translation>
    </message>
    <message>
        <source>Q: %1</source>
        <translation>F: %1</translation>
    </message>
    <message>
        <source>A: %1</source>
        <translation>A: %1</translation>
    </message>
    <message>
        <source>There is no frame to export.</source>
        <translation>Es gibt kein Bild zum Exportieren.</translation>
    </message>
    <message>
        <source>The frame of %1 × %2 pixels could not be drawn (out of memory?).</source>
        <translation>Das Bild mit %1 × %2 Pixeln konnte nicht gezeichnet werden (Speicher erschöpft?).</translation>
    </message>
    <message>
        <source>The captioned frame could not be drawn.</source>
        <translation>Das beschriftete Bild konnte nicht gezeichnet werden.</translation>
    </message>
    <message>
        <source>There are no frames to export.</source>
        <translation>Es gibt keine Bilder zum Exportieren.</translation>
    </message>
    <message>
        <source>The contact sheet of %1 × %2 pixels could not be drawn (out of memory?).</source>
        <translation>Der Kontaktabzug mit %1 × %2 Pixeln konnte nicht gezeichnet werden (Speicher erschöpft?).</translation>
    </message>
    <message numerus="yes">
        <source>%n frames</source>
        <translation>
            <numerusform>%n Bild</numerusform>
            <numerusform>%n Bilder</numerusform>
        </translation>
    </message>
    <message>
        <source>vision tokens %1 → %2</source>
        <translation>Bild-Tokens %1 → %2</translation>
    </message>
    <message>
        <source>%1 % kept</source>
        <translation>%1 % behalten</translation>
    </message>
    <message>
        <source>it exists and is not a regular file (a device, FIFO or folder)</source>
        <translation>der Pfad existiert bereits und ist keine reguläre Datei (sondern ein Gerät, ein FIFO oder ein Ordner)</translation>
    </message>
    <message>
        <source>sample %1 of %2</source>
        <translation>Abtastbild %1 von %2</translation>
    </message>
    <message>
        <source>There is no sample %1: the samples are numbered 1 to %2.</source>
        <translation>Es gibt kein Abtastbild %1: Die Abtastbilder sind von 1 bis %2 nummeriert.</translation>
    </message>
</context>
<context>
    <name>ExportFileText</name>
    <message>
        <source>Could not write “%1”: %2.</source>
        <translation>„%1“ konnte nicht geschrieben werden: %2.</translation>
    </message>
</context>
<context>
    <name>FrameStore</name>
    <message>
        <source>No sampled frame of the video could be decoded.</source>
        <translation>Kein abgetastetes Bild des Videos ließ sich dekodieren.</translation>
    </message>
</context>
<context>
    <name>ModelFolder</name>
    <message>
        <source>it is not a folder.</source>
        <translation>es ist kein Ordner.</translation>
    </message>
    <message>
        <source>it has no config.json, so it is not a model folder.</source>
        <translation>es enthält keine config.json und ist daher kein Modellordner.</translation>
    </message>
</context>
<context>
    <name>QShortcut</name>
    <message>
        <source>Space</source>
        <translation>Leertaste</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Tab</translation>
    </message>
    <message>
        <source>Backspace</source>
        <translation>Rücktaste</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Ins</source>
        <translation>Einfg</translation>
    </message>
    <message>
        <source>Del</source>
        <translation>Entf</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Pos1</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Ende</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Links</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Hoch</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>Rechts</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Runter</translation>
    </message>
    <message>
        <source>PgUp</source>
        <translation>Bild auf</translation>
    </message>
    <message>
        <source>PgDown</source>
        <translation>Bild ab</translation>
    </message>
    <message>
        <source>Ctrl</source>
        <translation>Strg</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Umschalt</translation>
    </message>
    <message>
        <source>Alt</source>
        <translation>Alt</translation>
    </message>
    <message>
        <source>Meta</source>
        <translation>Meta</translation>
    </message>
</context>
<context>
    <name>RunLoading</name>
    <message>
        <source>the run does not name its video</source>
        <translation>der Lauf nennt sein Video nicht</translation>
    </message>
    <message>
        <source>its video “%1” was not found</source>
        <translation>sein Video „%1“ wurde nicht gefunden</translation>
    </message>
    <message>
        <source>The run cannot be shown: %1, and it stores no frames of its own.</source>
        <translation>Der Lauf kann nicht angezeigt werden: %1, und er enthält keine eigenen Bilder.</translation>
    </message>
    <message>
        <source>its video “%1” has changed since the run was made</source>
        <translation>sein Video „%1“ hat sich seit dem Lauf geändert</translation>
    </message>
    <message>
        <source>its video has no frames</source>
        <translation>sein Video hat keine Bilder</translation>
    </message>
</context>
<context>
    <name>StageChart</name>
    <message>
        <source>Tokens processed</source>
        <translation>Verarbeitete Tokens</translation>
    </message>
    <message>
        <source>Time (%1)</source>
        <translation>Zeit (%1)</translation>
    </message>
    <message>
        <source>s</source>
        <translation>s</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1  %2 (%3 %)</source>
        <translation>%1  %2 (%3 %)</translation>
    </message>
    <message>
        <source>The chart needs at least %1 pixels of width to show all its text; %2 were asked for.</source>
        <translation>Das Diagramm braucht mindestens %1 Pixel Breite, um seinen gesamten Text zu zeigen; angefordert wurden %2.</translation>
    </message>
    <message>
        <source>At %1 pixels wide the chart needs at least %2 pixels of height to show all its text; %3 were asked for.</source>
        <translation>Bei %1 Pixeln Breite braucht das Diagramm mindestens %2 Pixel Höhe, um seinen gesamten Text zu zeigen; angefordert wurden %3.</translation>
    </message>
    <message>
        <source>The picture would be %1 × %2 pixels; at most %3 pixels on a side can be written.</source>
        <translation>Das Bild wäre %1 × %2 Pixel groß; geschrieben werden können höchstens %3 Pixel pro Seite.</translation>
    </message>
    <message>
        <source>Made with STTS Lens</source>
        <translation>Erstellt mit STTS Lens</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Inspect which video tokens a pruned video VLM keeps and drops.</source>
        <translation>Zeigt, welche Video-Tokens ein beschnittenes Video-VLM behält und verwirft.</translation>
    </message>
    <message>
        <source>Show the user interface in &lt;language&gt; (e.g. de, zh_CN, en).</source>
        <translation>Die Benutzeroberfläche in &lt;Sprache&gt; anzeigen (z. B. de, zh_CN, en).</translation>
    </message>
    <message>
        <source>language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>file</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>A video or a run file (.sttsrun) to open, or a model folder to ask with.</source>
        <translation>Ein Video oder eine Laufdatei (.sttsrun) zum Öffnen oder ein Modellordner zum Fragen.</translation>
    </message>
    <message>
        <source>[video | run | model folder]</source>
        <translation>[Video | Lauf | Modellordner]</translation>
    </message>
</context>
<context>
    <name>stts::ui::AnswerPanel</name>
    <message>
        <source>Generating…</source>
        <translation>Wird erzeugt …</translation>
    </message>
    <message>
        <source>No run yet: ask a question in the Ask panel or open a run.</source>
        <translation>Noch kein Lauf: Stellen Sie im Bereich „Fragen“ eine Frage oder öffnen Sie einen Lauf.</translation>
    </message>
    <message>
        <source>%1, keep %2</source>
        <translation>%1, behaltener Anteil %2</translation>
    </message>
    <message>
        <source>This run has no answer: it scored the frames only.</source>
        <translation>Dieser Lauf hat keine Antwort: Er hat nur die Bilder bewertet.</translation>
    </message>
    <message>
        <source>%1 prompt tokens · %2 answer tokens · %3</source>
        <translation>%1 Prompt-Tokens · %2 Antwort-Tokens · %3</translation>
    </message>
    <message>
        <source>Question: %1</source>
        <translation>Frage: %1</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>Demo model: answers are not meaningful</source>
        <translation>Demo-Modell: Die Antworten sind nicht aussagekräftig</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
</context>
<context>
    <name>stts::ui::AskPanel</name>
    <message>
        <source>Choose Model Folder</source>
        <translation>Modellordner wählen</translation>
    </message>
    <message>
        <source>Open a video before asking a question.</source>
        <translation>Öffnen Sie ein Video, bevor Sie eine Frage stellen.</translation>
    </message>
    <message>
        <source>Choose a model folder first.</source>
        <translation>Wählen Sie zuerst einen Modellordner.</translation>
    </message>
    <message>
        <source>Type a question first.</source>
        <translation>Geben Sie zuerst eine Frage ein.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Wird gestartet …</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Loading the model…</source>
        <translation>Modell wird geladen …</translation>
    </message>
    <message>
        <source>%1: %p %</source>
        <translation>%1: %p %</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Ask</source>
        <translation>Fragen</translation>
    </message>
    <message>
        <source>Model folder:</source>
        <translation>Modellordner:</translation>
    </message>
    <message>
        <source>Model…</source>
        <translation>Modell …</translation>
    </message>
    <message>
        <source>Demo model: answers are not meaningful</source>
        <translation>Demo-Modell: Die Antworten sind nicht aussagekräftig</translation>
    </message>
    <message>
        <source>Method:</source>
        <translation>Methode:</translation>
    </message>
    <message>
        <source>Keep ratio:</source>
        <translation>Behaltener Anteil:</translation>
    </message>
    <message>
        <source>Question:</source>
        <translation>Frage:</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Frage</translation>
    </message>
    <message>
        <source>Max frames:</source>
        <translation>Max. Bilder:</translation>
    </message>
    <message>
        <source>At most this many frames are sampled from the video.</source>
        <translation>Höchstens so viele Bilder werden aus dem Video abgetastet.</translation>
    </message>
    <message>
        <source>Max fps:</source>
        <translation>Max. fps:</translation>
    </message>
    <message>
        <source>Sampled frames are at least 1/fps seconds apart.</source>
        <translation>Abgetastete Bilder liegen mindestens 1/fps Sekunden auseinander.</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>Gerät:</translation>
    </message>
    <message>
        <source>Dtype:</source>
        <translation>Datentyp:</translation>
    </message>
    <message>
        <source>bfloat16 on CUDA, float32 on the CPU</source>
        <translation>bfloat16 auf CUDA, float32 auf der CPU</translation>
    </message>
    <message>
        <source>Max tokens:</source>
        <translation>Max. Tokens:</translation>
    </message>
    <message>
        <source>The answer stops after this many new tokens.</source>
        <translation>Die Antwort endet nach so vielen neuen Tokens.</translation>
    </message>
</context>
<context>
    <name>stts::ui::AskWorker</name>
    <message>
        <source>The video could not be sampled again with the chosen frame limits: %1</source>
        <translation>Das Video konnte mit den gewählten Bildgrenzen nicht erneut abgetastet werden: %1</translation>
    </message>
    <message>
        <source>it has no decodable frames.</source>
        <translation>es enthält keine dekodierbaren Bilder.</translation>
    </message>
    <message>
        <source>The frames could not be decoded: %1</source>
        <translation>Die Bilder ließen sich nicht dekodieren: %1</translation>
    </message>
</context>
<context>
    <name>stts::ui::ChartExportDialog</name>
    <message>
        <source>Export Chart</source>
        <translation>Diagramm exportieren</translation>
    </message>
    <message>
        <source>PNG image</source>
        <translation>PNG-Bild</translation>
    </message>
    <message>
        <source>SVG drawing</source>
        <translation>SVG-Zeichnung</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>1× (as on screen)</source>
        <translation>1× (wie auf dem Bildschirm)</translation>
    </message>
    <message>
        <source>2×</source>
        <translation>2×</translation>
    </message>
    <message>
        <source>3×</source>
        <translation>3×</translation>
    </message>
    <message>
        <source>300 dpi (print)</source>
        <translation>300 dpi (Druck)</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>Format:</translation>
    </message>
    <message>
        <source>Width:</source>
        <translation>Breite:</translation>
    </message>
    <message>
        <source>Height:</source>
        <translation>Höhe:</translation>
    </message>
    <message>
        <source>Scale:</source>
        <translation>Skalierung:</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Speichern …</translation>
    </message>
    <message>
        <source>A drawing of %1 × %2 pixels</source>
        <translation>Eine Zeichnung mit %1 × %2 Pixeln</translation>
    </message>
    <message>
        <source>A picture of %1 × %2 pixels</source>
        <translation>Ein Bild mit %1 × %2 Pixeln</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG-Zeichnung (*.svg)</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG-Bild (*.png)</translation>
    </message>
</context>
<context>
    <name>stts::ui::CompareRunsDialog</name>
    <message>
        <source>Compare Runs</source>
        <translation>Läufe vergleichen</translation>
    </message>
    <message>
        <source>&amp;Add Runs…</source>
        <translation>Läufe &amp;hinzufügen …</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>&amp;Vergleichen</translation>
    </message>
    <message>
        <source>Choose Runs to Compare</source>
        <translation>Zu vergleichende Läufe wählen</translation>
    </message>
    <message>
        <source>STTS runs (*.sttsrun);;All files (*)</source>
        <translation>STTS-Läufe (*.sttsrun);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>%1 runs chosen (at most %2).</source>
        <translation>%1 Läufe gewählt (höchstens %2).</translation>
    </message>
    <message>
        <source>Choose %1 to %2 runs of the same video, made with the same sampling (%3 chosen).</source>
        <translation>Wählen Sie %1 bis %2 Läufe desselben Videos mit derselben Abtastung (%3 gewählt).</translation>
    </message>
    <message>
        <source>Re&amp;cent Runs</source>
        <translation>&amp;Zuletzt verwendete Läufe</translation>
    </message>
    <message>
        <source>No recent runs</source>
        <translation>Keine zuletzt verwendeten Läufe</translation>
    </message>
</context>
<context>
    <name>stts::ui::CompareWindow</name>
    <message>
        <source>Compare Runs — STTS Lens</source>
        <translation>Läufe vergleichen — STTS Lens</translation>
    </message>
    <message>
        <source>Compare %1 Runs — STTS Lens</source>
        <translation>%1 Läufe vergleichen — STTS Lens</translation>
    </message>
    <message>
        <source>Diff and IoU of:</source>
        <translation>Differenz und IoU von:</translation>
    </message>
    <message>
        <source>First run of the diff and of the IoU strip</source>
        <translation>Erster Lauf der Differenz und des IoU-Streifens</translation>
    </message>
    <message>
        <source>Second run of the diff and of the IoU strip</source>
        <translation>Zweiter Lauf der Differenz und des IoU-Streifens</translation>
    </message>
    <message>
        <source>Answers in export</source>
        <translation>Antworten im Export</translation>
    </message>
    <message>
        <source>Export Image… (%1)</source>
        <translation>Bild exportieren … (%1)</translation>
    </message>
    <message>
        <source>Timeline of sampled frames, shared by every pane</source>
        <translation>Zeitleiste der abgetasteten Bilder, gemeinsam für alle Ansichten</translation>
    </message>
    <message>
        <source>Time per stage of each run</source>
        <translation>Zeit pro Phase für jeden Lauf</translation>
    </message>
    <message>
        <source>Choose between %1 and %2 runs to compare (%3 given).</source>
        <translation>Wählen Sie zwischen %1 und %2 Läufe zum Vergleichen (%3 angegeben).</translation>
    </message>
    <message>
        <source>Opening %1 runs…</source>
        <translation>%1 Läufe werden geöffnet …</translation>
    </message>
    <message>
        <source>Could not open the run “%1”: %2</source>
        <translation>Der Lauf „%1“ konnte nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Nothing to compare.</source>
        <translation>Nichts zu vergleichen.</translation>
    </message>
    <message>
        <source>A run could not be opened, so there is nothing to compare.</source>
        <translation>Ein Lauf konnte nicht geöffnet werden, daher gibt es nichts zu vergleichen.</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1: %2.</translation>
    </message>
    <message>
        <source> of %1 and %2 (green: kept by both, orange: only %1, blue: only %2)</source>
        <translation> von %1 und %2 (grün: von beiden behalten, orange: nur %1, blau: nur %2)</translation>
    </message>
    <message>
        <source>Overlay: %1%2</source>
        <translation>Überlagerung: %1%2</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>Export Comparison</source>
        <translation>Vergleich exportieren</translation>
    </message>
    <message>
        <source>PNG images (*.png);;All files (*)</source>
        <translation>PNG-Bilder (*.png);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Follow the main window</source>
        <translation>Dem Hauptfenster folgen</translation>
    </message>
    <message>
        <source>Move the main window&apos;s playhead with this one, and this one with it, by time</source>
        <translation>Die Abspielposition des Hauptfensters mit der dieses Fensters mitbewegen und umgekehrt, anhand der Zeit</translation>
    </message>
    <message>
        <source>There is no comparison image to write.</source>
        <translation>Es gibt kein Vergleichsbild zum Schreiben.</translation>
    </message>
    <message>
        <source>Could not write the comparison image “%1”: %2</source>
        <translation>Das Vergleichsbild „%1“ konnte nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>stts::ui::DataPanel</name>
    <message>
        <source>No video or run is open.</source>
        <translation>Kein Video und kein Lauf geöffnet.</translation>
    </message>
    <message>
        <source>Video: %1 (%2 sampled frames)</source>
        <translation>Video: %1 (%2 abgetastete Bilder)</translation>
    </message>
    <message>
        <source>No run: ask a question or open a run for kept cells and token counts.</source>
        <translation>Kein Lauf: Stellen Sie eine Frage oder öffnen Sie einen Lauf, um behaltene Zellen und Token-Anzahlen zu sehen.</translation>
    </message>
    <message>
        <source>Vision tokens: %1 before, %2 after pruning (%3 %)</source>
        <translation>Bild-Tokens: %1 vor, %2 nach dem Beschneiden (%3 %)</translation>
    </message>
    <message>
        <source>Method: %1, keep ratio %2</source>
        <translation>Methode: %1, behaltener Anteil %2</translation>
    </message>
    <message>
        <source>Peak memory: %1</source>
        <translation>Spitzen-Speicherbedarf: %1</translation>
    </message>
    <message>
        <source>Peak memory: not recorded</source>
        <translation>Spitzen-Speicherbedarf: nicht erfasst</translation>
    </message>
    <message>
        <source>Model: %1 (config %2, %3) on %4, %5</source>
        <translation>Modell: %1 (Konfiguration %2, %3) auf %4, %5</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>with STTS scorer</source>
        <translation>mit STTS-Scorer</translation>
    </message>
    <message>
        <source>no scorer</source>
        <translation>ohne Scorer</translation>
    </message>
    <message>
        <source>Video file: %1, %2, first MiB %3</source>
        <translation>Videodatei: %1, %2, erstes MiB %3</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Hinweis: %1</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>Abtastbild</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Raw frame</source>
        <translation>Rohbild</translation>
    </message>
    <message>
        <source>Kept cells</source>
        <translation>Behaltene Zellen</translation>
    </message>
    <message>
        <source>Keep %</source>
        <translation>Behalten %</translation>
    </message>
    <message>
        <source>Sampled frames</source>
        <translation>Abgetastete Bilder</translation>
    </message>
</context>
<context>
    <name>stts::ui::DisplayPanel</name>
    <message>
        <source>Display</source>
        <translation>Darstellung</translation>
    </message>
    <message>
        <source>&amp;Overlay:</source>
        <translation>Über&amp;lagerung:</translation>
    </message>
    <message>
        <source>Colour &amp;map:</source>
        <translation>&amp;Farbskala:</translation>
    </message>
    <message>
        <source>O&amp;pacity:</source>
        <translation>&amp;Deckkraft:</translation>
    </message>
    <message>
        <source>Dropped cells:</source>
        <translation>Verworfene Zellen:</translation>
    </message>
    <message>
        <source>Score &amp;range:</source>
        <translation>Score-&amp;Bereich:</translation>
    </message>
    <message>
        <source>Cell &amp;grid:</source>
        <translation>Zell&amp;raster:</translation>
    </message>
    <message>
        <source>&amp;Brightness:</source>
        <translation>&amp;Helligkeit:</translation>
    </message>
    <message>
        <source>&amp;Contrast:</source>
        <translation>&amp;Kontrast:</translation>
    </message>
    <message>
        <source>Show the 9 × 9 cells</source>
        <translation>Die 9 × 9 Zellen anzeigen</translation>
    </message>
    <message>
        <source>&amp;Reset Display</source>
        <translation>Darstellung &amp;zurücksetzen</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
</context>
<context>
    <name>stts::ui::EvalChartView</name>
    <message>
        <source>Accuracy (%)</source>
        <translation>Genauigkeit (%)</translation>
    </message>
    <message>
        <source>Prefill (ms, median)</source>
        <translation>Prefill (ms, Median)</translation>
    </message>
    <message>
        <source>Vision tokens (mean)</source>
        <translation>Bild-Tokens (Mittel)</translation>
    </message>
    <message>
        <source>Accuracy · %1</source>
        <translation>Genauigkeit · %1</translation>
    </message>
    <message>
        <source>Prefill time · %1</source>
        <translation>Prefill-Zeit · %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n frames</source>
        <translation>
            <numerusform>%1 · %n Bild</numerusform>
            <numerusform>%1 · %n Bilder</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, keep %2: %3 % correct (95 % interval %4–%5 %), %6 of %7 answers; %8 vision tokens</source>
        <translation>%1, behalten %2: %3 % richtig (95-%-Intervall %4–%5 %), %6 von %7 Antworten; %8 Bild-Tokens</translation>
    </message>
    <message>
        <source>%1, keep %2: prefill %3 ms (median of %4 answers); %5 vision tokens</source>
        <translation>%1, behalten %2: Prefill %3 ms (Median von %4 Antworten); %5 Bild-Tokens</translation>
    </message>
    <message>
        <source>The picture would be %1 × %2 pixels; at most %3 pixels on a side can be written.</source>
        <translation>Das Bild hätte %1 × %2 Pixel; höchstens %3 Pixel pro Seite können geschrieben werden.</translation>
    </message>
    <message>
        <source>Made with STTS Lens</source>
        <translation>Erstellt mit STTS Lens</translation>
    </message>
    <message>
        <source>Export Chart as PNG or SVG…</source>
        <translation>Diagramm als PNG oder SVG exportieren …</translation>
    </message>
</context>
<context>
    <name>stts::ui::EvalController</name>
    <message>
        <source>Open Evaluation Folder</source>
        <translation>Auswertungsordner öffnen</translation>
    </message>
    <message>
        <source>Open Evaluation</source>
        <translation>Auswertung öffnen</translation>
    </message>
</context>
<context>
    <name>stts::ui::EvalSamplesModel</name>
    <message>
        <source>✓ yes</source>
        <translation>✓ ja</translation>
    </message>
    <message>
        <source>✗ no</source>
        <translation>✗ nein</translation>
    </message>
    <message>
        <source>Vision tokens the LLM received (after pruning)</source>
        <translation>Bild-Tokens, die das LLM erhielt (nach dem Beschneiden)</translation>
    </message>
    <message>
        <source>The model&apos;s answer as it wrote it</source>
        <translation>Die Antwort des Modells, wie es sie schrieb</translation>
    </message>
    <message>
        <source>The option the answer parser read from the answer</source>
        <translation>Die Option, die der Antwort-Parser aus der Antwort las</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>Behalten</translation>
    </message>
    <message>
        <source>Frames</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>Vision tokens</source>
        <translation>Bild-Tokens</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>Choice</source>
        <translation>Wahl</translation>
    </message>
    <message>
        <source>Correct</source>
        <translation>Richtig</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Prefill (ms)</source>
        <translation>Prefill (ms)</translation>
    </message>
    <message>
        <source>Total (ms)</source>
        <translation>Gesamt (ms)</translation>
    </message>
</context>
<context>
    <name>stts::ui::EvalSummaryModel</name>
    <message>
        <source>%1–%2</source>
        <translation>%1–%2</translation>
    </message>
    <message>
        <source>%1×</source>
        <translation>%1×</translation>
    </message>
    <message>
        <source>%1 of %2 answers correct</source>
        <translation>%1 von %2 Antworten richtig</translation>
    </message>
    <message>
        <source>Vision tokens the LLM received, mean per sample (after pruning)</source>
        <translation>Bild-Tokens, die das LLM erhielt, Mittel pro Beispiel (nach dem Beschneiden)</translation>
    </message>
    <message>
        <source>Samples that ran; failed ones are counted apart</source>
        <translation>Ausgeführte Beispiele; fehlgeschlagene werden getrennt gezählt</translation>
    </message>
    <message>
        <source>95 % Wilson score interval of the accuracy</source>
        <translation>95-%-Wilson-Intervall der Genauigkeit</translation>
    </message>
    <message>
        <source>Median time of the prefill stage</source>
        <translation>Medianzeit der Prefill-Phase</translation>
    </message>
    <message>
        <source>Median time of the whole run</source>
        <translation>Medianzeit des ganzen Laufs</translation>
    </message>
    <message>
        <source>Median prefill time of the unpruned run (none) at the same frames over this group&apos;s</source>
        <translation>Median-Prefill-Zeit des unbeschnittenen Laufs (none) bei gleicher Bildzahl geteilt durch die dieser Gruppe</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Frames</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>Behalten</translation>
    </message>
    <message>
        <source>Vision tokens</source>
        <translation>Bild-Tokens</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>Beispiele</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Accuracy (%)</source>
        <translation>Genauigkeit (%)</translation>
    </message>
    <message>
        <source>95 % interval</source>
        <translation>95-%-Intervall</translation>
    </message>
    <message>
        <source>Prefill (ms)</source>
        <translation>Prefill (ms)</translation>
    </message>
    <message>
        <source>Total (ms)</source>
        <translation>Gesamt (ms)</translation>
    </message>
    <message>
        <source>Prefill speedup</source>
        <translation>Prefill-Beschleunigung</translation>
    </message>
</context>
<context>
    <name>stts::ui::EvalWindow</name>
    <message>
        <source>Evaluation · %1 — STTS Lens</source>
        <translation>Auswertung · %1 — STTS Lens</translation>
    </message>
    <message>
        <source>Export Accuracy Chart…</source>
        <translation>Genauigkeitsdiagramm exportieren …</translation>
    </message>
    <message>
        <source>Export Prefill Chart…</source>
        <translation>Prefill-Diagramm exportieren …</translation>
    </message>
    <message>
        <source>Save the chart as a PNG picture or an SVG drawing</source>
        <translation>Das Diagramm als PNG-Bild oder SVG-Zeichnung speichern</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>Beispiele</translation>
    </message>
    <message>
        <source>&amp;Filter:</source>
        <translation>&amp;Filter:</translation>
    </message>
    <message>
        <source>ID, method, answer or error</source>
        <translation>ID, Methode, Antwort oder Fehler</translation>
    </message>
    <message>
        <source>Double-click a sample or press Enter to open its run in the main window</source>
        <translation>Doppelklicken Sie auf ein Beispiel oder drücken Sie die Eingabetaste, um seinen Lauf im Hauptfenster zu öffnen</translation>
    </message>
    <message>
        <source>This eval was run without --save-runs: there are no run files to open</source>
        <translation>Diese Auswertung lief ohne --save-runs: Es gibt keine Laufdateien zum Öffnen</translation>
    </message>
    <message>
        <source>Rest the pointer on a point to see its numbers, with the 95 % interval of the accuracy.</source>
        <translation>Halten Sie den Zeiger über einen Punkt, um seine Zahlen zu sehen, mit dem 95-%-Intervall der Genauigkeit.</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>Could not save the chart: %1</source>
        <translation>Das Diagramm konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Sample “%1” could not be run (%2), so it has no run file.</source>
        <translation>Beispiel „%1“ konnte nicht ausgeführt werden (%2) und hat daher keine Laufdatei.</translation>
    </message>
    <message>
        <source>Opening runs/%1 in the main window.</source>
        <translation>runs/%1 wird im Hauptfenster geöffnet.</translation>
    </message>
    <message>
        <source>There is no run file for sample “%1”: this eval was run without --save-runs (it would be runs/%2).</source>
        <translation>Für Beispiel „%1“ gibt es keine Laufdatei: Diese Auswertung lief ohne --save-runs (sie wäre runs/%2).</translation>
    </message>
    <message>
        <source>The run file runs/%1 of sample “%2” is missing from this eval folder.</source>
        <translation>Die Laufdatei runs/%1 von Beispiel „%2“ fehlt in diesem Auswertungsordner.</translation>
    </message>
    <message>
        <source>Only %1 · %2 frames · keep %3 ✕</source>
        <translation>Nur %1 · %2 Bilder · behalten %3 ✕</translation>
    </message>
    <message>
        <source>Show the answers of every method, keep and frame count</source>
        <translation>Die Antworten aller Methoden, Anteile und Bildzahlen zeigen</translation>
    </message>
</context>
<context>
    <name>stts::ui::ExportController</name>
    <message>
        <source>Nothing to export yet: open a video or a run first.</source>
        <translation>Noch nichts zu exportieren: Öffnen Sie zuerst ein Video oder einen Lauf.</translation>
    </message>
    <message>
        <source>Export cancelled.</source>
        <translation>Export abgebrochen.</translation>
    </message>
    <message>
        <source>Could not export “%1”: %2</source>
        <translation>„%1“ konnte nicht exportiert werden: %2</translation>
    </message>
    <message>
        <source>Export failed.</source>
        <translation>Export fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Saved %1 (%2 × %3 pixels) in %4</source>
        <translation>%1 gespeichert (%2 × %3 Pixel) in %4</translation>
    </message>
    <message>
        <source>Saved %1 in %2</source>
        <translation>%1 gespeichert in %2</translation>
    </message>
    <message>
        <source>(also copied to the clipboard)</source>
        <translation>(auch in die Zwischenablage kopiert)</translation>
    </message>
</context>
<context>
    <name>stts::ui::ExportDialog</name>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Current frame (PNG)</source>
        <translation>Aktuelles Bild (PNG)</translation>
    </message>
    <message>
        <source>Contact sheet of all frames (PNG)</source>
        <translation>Kontaktabzug aller Bilder (PNG)</translation>
    </message>
    <message>
        <source>Cell scores and keep mask (CSV)</source>
        <translation>Zell-Scores und Behalten-Maske (CSV)</translation>
    </message>
    <message>
        <source>Run metadata (JSON)</source>
        <translation>Lauf-Metadaten (JSON)</translation>
    </message>
    <message>
        <source>&amp;What:</source>
        <translation>&amp;Was:</translation>
    </message>
    <message>
        <source>&amp;Save as:</source>
        <translation>&amp;Speichern unter:</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen …</translation>
    </message>
    <message>
        <source>Draw the &amp;overlay (as shown: mask or scores)</source>
        <translation>Überlagerung &amp;zeichnen (wie angezeigt: Maske oder Scores)</translation>
    </message>
    <message>
        <source>Add a &amp;legend</source>
        <translation>&amp;Legende hinzufügen</translation>
    </message>
    <message>
        <source>Add a &amp;caption (frame, method, question and answer)</source>
        <translation>&amp;Beschriftung hinzufügen (Bild, Methode, Frage und Antwort)</translation>
    </message>
    <message>
        <source>Also copy to the clip&amp;board</source>
        <translation>Auch in die Zwischenablage &amp;kopieren</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>%1 × %2 pixels</source>
        <translation>%1 × %2 Pixel</translation>
    </message>
    <message>
        <source>%1 × %2 pixels: %3 frames in %4 columns and %5 rows</source>
        <translation>%1 × %2 Pixel: %3 Bilder in %4 Spalten und %5 Zeilen</translation>
    </message>
    <message>
        <source>%1 rows: %2 frames × %3 cells</source>
        <translation>%1 Zeilen: %2 Bilder × %3 Zellen</translation>
    </message>
    <message>
        <source>Request, video, per-frame times and kept counts, timings, answer</source>
        <translation>Anfrage, Video, Zeiten und behaltene Anzahlen pro Bild, Laufzeiten, Antwort</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON-Dateien (*.json)</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>Exportieren nach</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>stts::ui::FitDialog</name>
    <message>
        <source>Choose Model Folder</source>
        <translation>Modellordner wählen</translation>
    </message>
    <message>
        <source>Fitted Model Folder</source>
        <translation>Ordner für das angepasste Modell</translation>
    </message>
    <message>
        <source>Add Training Videos</source>
        <translation>Trainingsvideos hinzufügen</translation>
    </message>
    <message>
        <source>Videos (*.mp4 *.m4v *.mov *.mkv *.webm *.avi *.mpg *.mpeg *.ts *.gif);;All files (*)</source>
        <translation>Videos (*.mp4 *.m4v *.mov *.mkv *.webm *.avi *.mpg *.mpeg *.ts *.gif);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Choose the model folder whose scorer should be fitted.</source>
        <translation>Wählen Sie den Modellordner, dessen Scorer angepasst werden soll.</translation>
    </message>
    <message>
        <source>The model folder “%1” cannot be used: %2</source>
        <translation>Der Modellordner „%1“ kann nicht verwendet werden: %2</translation>
    </message>
    <message>
        <source>Add at least one video to fit the scorer to.</source>
        <translation>Fügen Sie mindestens ein Video hinzu, an das der Scorer angepasst werden soll.</translation>
    </message>
    <message>
        <source>Choose a folder for the fitted model.</source>
        <translation>Wählen Sie einen Ordner für das angepasste Modell.</translation>
    </message>
    <message>
        <source>“%1” already exists, and fitting never overwrites a folder: choose another output folder.</source>
        <translation>„%1“ existiert bereits, und beim Anpassen wird nie ein Ordner überschrieben: Wählen Sie einen anderen Ausgabeordner.</translation>
    </message>
    <message>
        <source>Loading the model and sampling the videos…</source>
        <translation>Modell wird geladen und Videos werden abgetastet …</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen …</translation>
    </message>
    <message>
        <source>Step %1 of %2 · loss %3</source>
        <translation>Schritt %1 von %2 · Loss %3</translation>
    </message>
    <message>
        <source>Fitted in %1 s: loss %2 → %3. The new model is in “%4”.</source>
        <translation>In %1 s angepasst: Loss %2 → %3. Das neue Modell liegt in „%4“.</translation>
    </message>
    <message>
        <source>Skipped: %1</source>
        <translation>Übersprungen: %1</translation>
    </message>
    <message>
        <source>The fit failed: %1</source>
        <translation>Das Anpassen ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Cancelled, nothing written.</source>
        <translation>Abgebrochen, nichts geschrieben.</translation>
    </message>
    <message>
        <source>Fit STTS Scorer</source>
        <translation>STTS-Scorer anpassen</translation>
    </message>
    <message>
        <source>Model folder:</source>
        <translation>Modellordner:</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Wählen …</translation>
    </message>
    <message>
        <source>Videos:</source>
        <translation>Videos:</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Hinzufügen …</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Steps:</source>
        <translation>Schritte:</translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation>Lernrate:</translation>
    </message>
    <message>
        <source>Frames per video:</source>
        <translation>Bilder pro Video:</translation>
    </message>
    <message>
        <source>Output folder:</source>
        <translation>Ausgabeordner:</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Anpassen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Re-run Current Video with the Fitted Model</source>
        <translation>Aktuelles Video mit dem angepassten Modell erneut ausführen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Loss per step</source>
        <translation>Loss pro Schritt</translation>
    </message>
    <message>
        <source>step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>loss (log scale)</source>
        <translation>Loss (log. Skala)</translation>
    </message>
</context>
<context>
    <name>stts::ui::FrameFillIndicator</name>
    <message>
        <source>Decoding the frames stopped: %1</source>
        <translation>Das Dekodieren der Bilder wurde abgebrochen: %1</translation>
    </message>
    <message>
        <source>Decoding frames: %1 of %2</source>
        <translation>Bilder werden dekodiert: %1 von %2</translation>
    </message>
</context>
<context>
    <name>stts::ui::FrameProvider</name>
    <message>
        <source>No video file is open.</source>
        <translation>Keine Videodatei geöffnet.</translation>
    </message>
    <message>
        <source>The video has no frame %1.</source>
        <translation>Das Video hat kein Bild %1.</translation>
    </message>
</context>
<context>
    <name>stts::ui::FrameView</name>
    <message>
        <source>The graphics driver could not compile the frame shader.</source>
        <translation>Der Grafiktreiber konnte den Shader für die Bildanzeige nicht übersetzen.</translation>
    </message>
    <message>
        <source>This frame (%1 × %2) is larger than the graphics driver can show.</source>
        <translation>Dieses Bild (%1 × %2) ist größer, als der Grafiktreiber anzeigen kann.</translation>
    </message>
    <message>
        <source>Cell: row %1, column %2</source>
        <translation>Zelle: Zeile %1, Spalte %2</translation>
    </message>
    <message>
        <source>Kept by both runs</source>
        <translation>Von beiden Läufen behalten</translation>
    </message>
    <message>
        <source>Kept by run A only</source>
        <translation>Nur von Lauf A behalten</translation>
    </message>
    <message>
        <source>Kept by run B only</source>
        <translation>Nur von Lauf B behalten</translation>
    </message>
    <message>
        <source>Dropped by both runs</source>
        <translation>Von beiden Läufen verworfen</translation>
    </message>
    <message>
        <source>Score: %1</source>
        <translation>Score: %1</translation>
    </message>
    <message>
        <source>Score: unknown</source>
        <translation>Score: unbekannt</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>Behalten</translation>
    </message>
    <message>
        <source>Dropped</source>
        <translation>Verworfen</translation>
    </message>
    <message>
        <source>Sample %1 of %2 · %3</source>
        <translation>Abtastbild %1 von %2 · %3</translation>
    </message>
    <message>
        <source>Decoding this frame…</source>
        <translation>Dieses Bild wird dekodiert …</translation>
    </message>
</context>
<context>
    <name>stts::ui::IoUStrip</name>
    <message>
        <source>IoU of the cells kept by %1 and %2 per sampled frame</source>
        <translation>IoU der von %1 und %2 behaltenen Zellen pro abgetastetem Bild</translation>
    </message>
    <message>
        <source>IoU %1·%2</source>
        <translation>IoU %1·%2</translation>
    </message>
    <message>
        <source>Sample %1: IoU unknown</source>
        <translation>Abtastbild %1: IoU unbekannt</translation>
    </message>
    <message>
        <source>Sample %1: IoU(%2, %3) = %4</source>
        <translation>Abtastbild %1: IoU(%2, %3) = %4</translation>
    </message>
</context>
<context>
    <name>stts::ui::MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Playback</source>
        <translation>&amp;Wiedergabe</translation>
    </message>
    <message>
        <source>Open Video</source>
        <translation>Video öffnen</translation>
    </message>
    <message>
        <source>Videos (*.mp4 *.m4v *.mov *.mkv *.webm *.avi *.mpg *.mpeg *.ts *.gif);;All files (*)</source>
        <translation>Videos (*.mp4 *.m4v *.mov *.mkv *.webm *.avi *.mpg *.mpeg *.ts *.gif);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>%1 wird geöffnet …</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>%1 geöffnet</translation>
    </message>
    <message>
        <source>Could not open “%1”: %2</source>
        <translation>„%1“ konnte nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Could not open %1</source>
        <translation>%1 konnte nicht geöffnet werden</translation>
    </message>
    <message>
        <source>%1 — STTS Lens</source>
        <translation>%1 — STTS Lens</translation>
    </message>
    <message>
        <source>STTS Lens</source>
        <translation>STTS Lens</translation>
    </message>
    <message>
        <source>%1 · %2 × %3 · %4 fps · %5 · %6 sampled frames</source>
        <translation>%1 · %2 × %3 · %4 fps · %5 · %6 abgetastete Bilder</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>Transportleiste</translation>
    </message>
    <message>
        <source>Video frame</source>
        <translation>Videobild</translation>
    </message>
    <message>
        <source>Timeline of sampled frames</source>
        <translation>Zeitleiste der abgetasteten Bilder</translation>
    </message>
    <message>
        <source>Loading</source>
        <translation>Wird geladen</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Colour &amp;Map</source>
        <translation>&amp;Farbskala</translation>
    </message>
    <message>
        <source>Open a video (%1) or a run (%2), or drop a video or run file here.</source>
        <translation>Öffnen Sie ein Video (%1) oder einen Lauf (%2), oder ziehen Sie eine Video- oder Laufdatei hierher.</translation>
    </message>
    <message>
        <source>Open Run</source>
        <translation>Lauf öffnen</translation>
    </message>
    <message>
        <source>STTS runs (*.sttsrun);;All files (*)</source>
        <translation>STTS-Läufe (*.sttsrun);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Opened %1: %2, so the frames stored in the run are shown.</source>
        <translation>%1 geöffnet: %2, daher werden die im Lauf gespeicherten Bilder gezeigt.</translation>
    </message>
    <message>
        <source>Could not open the run “%1”: %2</source>
        <translation>Der Lauf „%1“ konnte nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Overlay: %1 · opacity %2 %</source>
        <translation>Überlagerung: %1 · Deckkraft %2 %</translation>
    </message>
    <message>
        <source>Vision tokens %1 → %2 (%3 %)</source>
        <translation>Bild-Tokens %1 → %2 (%3 %)</translation>
    </message>
    <message>
        <source>Opened %1, but %2: the cells may not match the pictures.</source>
        <translation>%1 geöffnet, aber %2: Die Zellen passen womöglich nicht zu den Bildern.</translation>
    </message>
    <message>
        <source>The answer is ready; save the run with %1.</source>
        <translation>Die Antwort ist fertig; speichern Sie den Lauf mit %1.</translation>
    </message>
    <message>
        <source>Save Run</source>
        <translation>Lauf speichern</translation>
    </message>
    <message>
        <source>Could not save the run “%1”: %2</source>
        <translation>Der Lauf „%1“ konnte nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>Be&amp;reiche</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>E&amp;xtras</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Zoom %1 %</source>
        <translation>Zoom %1 %</translation>
    </message>
</context>
<context>
    <name>stts::ui::MessageBar</name>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>stts::ui::OverlayLegend</name>
    <message>
        <source>Kept cells, run A vs run B</source>
        <translation>Behaltene Zellen, Lauf A gegen Lauf B</translation>
    </message>
    <message>
        <source>Score (%1, this frame&apos;s range)</source>
        <translation>Score (%1, Bereich dieses Bildes)</translation>
    </message>
    <message>
        <source>Score (%1, run range)</source>
        <translation>Score (%1, Bereich des Laufs)</translation>
    </message>
    <message>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <source>kept by both</source>
        <translation>von beiden behalten</translation>
    </message>
    <message>
        <source>only %1</source>
        <translation>nur %1</translation>
    </message>
    <message>
        <source>dropped by both</source>
        <translation>von beiden verworfen</translation>
    </message>
</context>
<context>
    <name>stts::ui::OverlayState</name>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>keep mask</source>
        <translation>Behalten-Maske</translation>
    </message>
    <message>
        <source>scores</source>
        <translation>Scores</translation>
    </message>
    <message>
        <source>two-run diff</source>
        <translation>Differenz zweier Läufe</translation>
    </message>
    <message>
        <source>hatched</source>
        <translation>schraffiert</translation>
    </message>
    <message>
        <source>dimmed</source>
        <translation>abgedunkelt</translation>
    </message>
    <message>
        <source>per frame</source>
        <translation>pro Bild</translation>
    </message>
    <message>
        <source>per run</source>
        <translation>pro Lauf</translation>
    </message>
</context>
<context>
    <name>stts::ui::PlaybackController</name>
    <message>
        <source>Open a video first.</source>
        <translation>Öffnen Sie zuerst ein Video.</translation>
    </message>
    <message>
        <source>Raw video frames are not available: this run is shown from the frames stored in it because %1. Open the run with its video to step between samples.</source>
        <translation>Rohbilder des Videos sind nicht verfügbar: Dieser Lauf wird aus den in ihm gespeicherten Bildern angezeigt, denn %1. Öffnen Sie den Lauf mit seinem Video, um zwischen Abtastbildern zu springen.</translation>
    </message>
    <message>
        <source>its video could not be used</source>
        <translation>sein Video konnte nicht verwendet werden</translation>
    </message>
    <message>
        <source>Playing forward at %1×</source>
        <translation>Wiedergabe vorwärts mit %1×</translation>
    </message>
    <message>
        <source>Playing backward at %1×</source>
        <translation>Wiedergabe rückwärts mit %1×</translation>
    </message>
    <message>
        <source>Decoding raw frame %1…</source>
        <translation>Rohbild %1 wird dekodiert …</translation>
    </message>
    <message>
        <source>Raw frame %1 at %2 is not a sampled frame: the model never saw it, so it has no overlay.</source>
        <translation>Rohbild %1 bei %2 ist kein abgetastetes Bild: Das Modell hat es nie gesehen, daher hat es keine Überlagerung.</translation>
    </message>
    <message>
        <source>Could not show raw frame %1: %2</source>
        <translation>Rohbild %1 konnte nicht angezeigt werden: %2</translation>
    </message>
</context>
<context>
    <name>stts::ui::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Keyboard shortcuts. Select an action, then click a key field and press the keys.</source>
        <translation>Tastenkürzel. Wählen Sie eine Aktion, klicken Sie dann in ein Tastenfeld und drücken Sie die Tasten.</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <source>&amp;Key:</source>
        <translation>&amp;Taste:</translation>
    </message>
    <message>
        <source>&amp;Alternative key:</source>
        <translation>Alternati&amp;ve Taste:</translation>
    </message>
    <message>
        <source>&amp;Clear Keys</source>
        <translation>Tasten &amp;leeren</translation>
    </message>
    <message>
        <source>Reset &amp;This Action</source>
        <translation>&amp;Diese Aktion zurücksetzen</translation>
    </message>
    <message>
        <source>Reset &amp;All</source>
        <translation>&amp;Alle zurücksetzen</translation>
    </message>
    <message>
        <source>Keys for “%1”</source>
        <translation>Tasten für „%1“</translation>
    </message>
    <message>
        <source>%1 is already used by “%2” (%3). Remove it there first, or choose another key.</source>
        <translation>%1 wird bereits von „%2“ (%3) verwendet. Entfernen Sie es dort zuerst oder wählen Sie eine andere Taste.</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>Memory for the pictures of one opened video or run. Every sampled frame is kept at a size that fits this budget (full resolution is decoded again for exports, the model and close zoom). Applies to videos and runs opened afterwards.</source>
        <translation>Speicher für die Bilder eines geöffneten Videos oder Laufs. Jedes abgetastete Bild wird in einer Größe gehalten, die in dieses Budget passt (volle Auflösung wird für Exporte, das Modell und starke Vergrößerung neu dekodiert). Gilt für danach geöffnete Videos und Läufe.</translation>
    </message>
    <message>
        <source>&amp;Frame memory:</source>
        <translation>&amp;Bildspeicher:</translation>
    </message>
</context>
<context>
    <name>stts::ui::RecentFilesMenu</name>
    <message>
        <source>Open Recen&amp;t</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>No recent files</source>
        <translation>Keine zuletzt geöffneten Dateien</translation>
    </message>
    <message>
        <source>&amp;Clear List</source>
        <translation>Liste &amp;leeren</translation>
    </message>
</context>
<context>
    <name>stts::ui::RunOptionsBox</name>
    <message>
        <source>More options</source>
        <translation>Weitere Optionen</translation>
    </message>
    <message>
        <source>Budget:</source>
        <translation>Budget:</translation>
    </message>
    <message>
        <source>as STTS keeps</source>
        <translation>wie bei STTS</translation>
    </message>
    <message>
        <source>method&apos;s own</source>
        <translation>methodeneigen</translation>
    </message>
    <message>
        <source>Keep exactly the cells STTS keeps at this ratio (matched budgets), or the count each method&apos;s own formula gives</source>
        <translation>Genau so viele Zellen behalten, wie STTS bei diesem Anteil behält (gleiche Budgets), oder so viele, wie die eigene Formel der jeweiligen Methode ergibt</translation>
    </message>
    <message>
        <source>Features:</source>
        <translation>Merkmale:</translation>
    </message>
    <message>
        <source>connector</source>
        <translation>connector</translation>
    </message>
    <message>
        <source>ViT</source>
        <translation>ViT</translation>
    </message>
    <message>
        <source>Where EVS and VidCom2 read their features: after the connector (the ViT runs in full) or in the ViT (saves ViT work)</source>
        <translation>Wo EVS und VidCom2 ihre Merkmale lesen: nach dem connector (der ViT läuft vollständig) oder im ViT (spart ViT-Arbeit)</translation>
    </message>
    <message>
        <source>FastV layer:</source>
        <translation>FastV-Schicht:</translation>
    </message>
    <message>
        <source>The LLM layer whose input loses the pruned vision tokens</source>
        <translation>Die LLM-Schicht, in deren Eingabe die beim Beschneiden verworfenen Bild-Tokens fehlen</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>Seed:</translation>
    </message>
    <message>
        <source>The random method&apos;s seed: the same seed keeps the same cells</source>
        <translation>Seed der Methode Random: Derselbe Seed behält dieselben Zellen</translation>
    </message>
</context>
<context>
    <name>stts::ui::RunPanels</name>
    <message>
        <source>“%1” cannot be used as a model: %2</source>
        <translation>„%1“ kann nicht als Modell verwendet werden: %2</translation>
    </message>
    <message>
        <source>Model folder: %1</source>
        <translation>Modellordner: %1</translation>
    </message>
    <message>
        <source>A run is in progress; choose the model “%1” when it has finished.</source>
        <translation>Ein Lauf ist im Gange; wählen Sie das Modell „%1“, wenn er beendet ist.</translation>
    </message>
    <message>
        <source>This build of STTS Lens cannot run models, so “%1” cannot be used.</source>
        <translation>Dieser Build von STTS Lens kann keine Modelle ausführen, daher kann „%1“ nicht verwendet werden.</translation>
    </message>
</context>
<context>
    <name>stts::ui::ShortcutHelpOverlay</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Change them in Preferences · Esc or a click closes this</source>
        <translation>Ändern in den Einstellungen · Esc oder ein Klick schließt diese Übersicht</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
</context>
<context>
    <name>stts::ui::ThumbnailStrip</name>
    <message>
        <source>Sample %1 · frame %2</source>
        <translation>Abtastbild %1 · Bild %2</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
</context>
<context>
    <name>stts::ui::Timeline</name>
    <message>
        <source>No video loaded</source>
        <translation>Kein Video geladen</translation>
    </message>
    <message>
        <source>Sample %1 / %2</source>
        <translation>Abtastbild %1 / %2</translation>
    </message>
    <message>
        <source>Frame %1</source>
        <translation>Bild %1</translation>
    </message>
    <message>
        <source>%1 · kept %2 / %3</source>
        <translation>%1 · behalten %2 / %3</translation>
    </message>
    <message>
        <source>Raw frame between samples %1 and %2 · not a sampled frame, no overlay</source>
        <translation>Rohbild zwischen den Abtastbildern %1 und %2 · kein abgetastetes Bild, keine Überlagerung</translation>
    </message>
    <message>
        <source>Sample %1 · %2 · kept %3 of %4 cells (%5 %)</source>
        <translation>Abtastbild %1 · %2 · %3 von %4 Zellen behalten (%5 %)</translation>
    </message>
    <message>
        <source>Kept whole by the method (e.g. the first frame)</source>
        <translation>Von der Methode vollständig behalten (z. B. das erste Bild)</translation>
    </message>
</context>
<context>
    <name>stts::ui::TimingChart</name>
    <message>
        <source>%1 · %2: %3 ms</source>
        <translation>%1 · %2: %3 ms</translation>
    </message>
    <message>
        <source>No stage timings were recorded in these runs.</source>
        <translation>In diesen Läufen wurden keine Phasenzeiten erfasst.</translation>
    </message>
    <message>
        <source>Time per stage</source>
        <translation>Zeit pro Phase</translation>
    </message>
</context>
<context>
    <name>stts::ui::TimingPanel</name>
    <message>
        <source>Export Chart as PNG or SVG…</source>
        <translation>Diagramm als PNG oder SVG exportieren …</translation>
    </message>
    <message>
        <source>There is no run to export.</source>
        <translation>Es gibt keinen Lauf zum Exportieren.</translation>
    </message>
    <message>
        <source>%1: %2 ms, %3 % of the run, %4 tokens on %5</source>
        <translation>%1: %2 ms, %3 % des Laufs, %4 Tokens auf %5</translation>
    </message>
    <message>
        <source>%1: %2 tokens</source>
        <translation>%1: %2 Tokens</translation>
    </message>
    <message>
        <source>%1 ms in %2 stages</source>
        <translation>%1 ms in %2 Phasen</translation>
    </message>
    <message>
        <source>Timing</source>
        <translation>Laufzeiten</translation>
    </message>
    <message>
        <source>No run yet: ask a question or open a run to see where the time went.</source>
        <translation>Noch kein Lauf: Stellen Sie eine Frage oder öffnen Sie einen Lauf, um zu sehen, wofür die Zeit gebraucht wurde.</translation>
    </message>
    <message>
        <source>Export Times…</source>
        <translation>Zeiten exportieren …</translation>
    </message>
    <message>
        <source>Export Tokens…</source>
        <translation>Tokens exportieren …</translation>
    </message>
    <message>
        <source>Time per stage</source>
        <translation>Zeit pro Phase</translation>
    </message>
    <message>
        <source>Tokens per stage</source>
        <translation>Tokens pro Phase</translation>
    </message>
</context>
<context>
    <name>stts::ui::VideoLoader</name>
    <message>
        <source>The video contains no frames that could be decoded.</source>
        <translation>Das Video enthält keine dekodierbaren Bilder.</translation>
    </message>
</context>
</TS>

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
        <source>Choose &amp;Model…</source>
        <translation>&amp;Modell wählen …</translation>
    </message>
    <message>
        <source>&amp;Run Question</source>
        <translation>Frage &amp;stellen</translation>
    </message>
    <message>
        <source>&amp;Cancel Question</source>
        <translation>Frage a&amp;bbrechen</translation>
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
</context>
<context>
    <name>main</name>
    <message>
        <source>Inspect which video tokens a pruned video VLM keeps and drops.</source>
        <translation>Zeigt, welche Video-Tokens ein beschnittenes Video-VLM behält und verwirft.</translation>
    </message>
    <message>
        <source>Show the user interface in &lt;language&gt; (e.g. de, en).</source>
        <translation>Die Benutzeroberfläche in &lt;Sprache&gt; anzeigen (z. B. de, en).</translation>
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
        <source>A video or a run file (.sttsrun) to open.</source>
        <translation>Ein Video oder eine Laufdatei (.sttsrun), die geöffnet werden soll.</translation>
    </message>
    <message>
        <source>[video | run]</source>
        <translation>[Video | Lauf]</translation>
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
        <source>Answer:</source>
        <translation>Antwort:</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Frage</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Antwort</translation>
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
        <source>Score (%1)</source>
        <translation>Score (%1)</translation>
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
</context>
<context>
    <name>stts::ui::RecentFilesMenu</name>
    <message>
        <source>Open &amp;Recent</source>
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
</context>
<context>
    <name>stts::ui::VideoLoader</name>
    <message>
        <source>The video contains no frames that could be decoded.</source>
        <translation>Das Video enthält keine dekodierbaren Bilder.</translation>
    </message>
</context>
</TS>

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ActionRegistry</name>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>&amp;Open Video…</source>
        <translation>打开视频(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Playback</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>&amp;Play / Pause</source>
        <translation>播放/暂停(&amp;P)</translation>
    </message>
    <message>
        <source>P&amp;revious Sampled Frame</source>
        <translation>上一个采样帧(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Next Sampled Frame</source>
        <translation>下一个采样帧(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;First Sampled Frame</source>
        <translation>第一个采样帧(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Last Sampled Frame</source>
        <translation>最后一个采样帧(&amp;L)</translation>
    </message>
    <message>
        <source>Open &amp;Run…</source>
        <translation>打开运行(&amp;R)…</translation>
    </message>
    <message>
        <source>View</source>
        <translation>视图</translation>
    </message>
    <message>
        <source>&amp;Cycle Overlay (Off / Mask / Scores)</source>
        <translation>切换叠加层（关闭/掩码/分数）(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Increase Overlay Opacity</source>
        <translation>增加叠加层不透明度(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Decrease Overlay Opacity</source>
        <translation>降低叠加层不透明度(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Save Run…</source>
        <translation>保存运行(&amp;S)…</translation>
    </message>
    <message>
        <source>Ask</source>
        <translation>提问</translation>
    </message>
    <message>
        <source>C&amp;hoose Model…</source>
        <translation>选择模型(&amp;H)…</translation>
    </message>
    <message>
        <source>&amp;Run Question</source>
        <translation>运行提问(&amp;R)</translation>
    </message>
    <message>
        <source>Cancel &amp;Question</source>
        <translation>取消提问(&amp;Q)</translation>
    </message>
    <message>
        <source>Previous Ra&amp;w Video Frame</source>
        <translation>上一个原始视频帧(&amp;W)</translation>
    </message>
    <message>
        <source>Next Raw &amp;Video Frame</source>
        <translation>下一个原始视频帧(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Back One Second</source>
        <translation>后退一秒(&amp;B)</translation>
    </message>
    <message>
        <source>F&amp;orward One Second</source>
        <translation>前进一秒(&amp;O)</translation>
    </message>
    <message>
        <source>Shuttle Rever&amp;se</source>
        <translation>反向穿梭(&amp;S)</translation>
    </message>
    <message>
        <source>Shuttle P&amp;ause</source>
        <translation>穿梭暂停(&amp;A)</translation>
    </message>
    <message>
        <source>Shuttle Forwar&amp;d</source>
        <translation>正向穿梭(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Zoom In</source>
        <translation>放大(&amp;Z)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>Zoom to Fi&amp;t</source>
        <translation>适合窗口(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Actual Size (100 %)</source>
        <translation>实际大小（100%）(&amp;A)</translation>
    </message>
    <message>
        <source>Show Cell &amp;Grid</source>
        <translation>显示单元格网格(&amp;G)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Quick S&amp;creenshot</source>
        <translation>快速截图(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>帮助</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>&amp;Fit Scorer…</source>
        <translation>拟合评分器(&amp;F)…</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>&amp;Compare Runs…</source>
        <translation>比较运行(&amp;C)…</translation>
    </message>
    <message>
        <source>Normalise Scores per &amp;Frame</source>
        <translation>按帧归一化分数(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Evaluation…</source>
        <translation>评估(&amp;E)…</translation>
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
        <translation>灰度</translation>
    </message>
</context>
<context>
    <name>CompareRuns</name>
    <message>
        <source>kept by both</source>
        <translation>两者均保留</translation>
    </message>
    <message>
        <source>only %1</source>
        <translation>仅 %1</translation>
    </message>
    <message>
        <source>dropped by both</source>
        <translation>两者均丢弃</translation>
    </message>
    <message>
        <source>(no answer: a vision-only run)</source>
        <translation>（无回答：仅视觉的运行）</translation>
    </message>
    <message>
        <source>%1 · %2 answer tokens
%3</source>
        <translation>%1 · %2 个回答 token
%3</translation>
    </message>
    <message>
        <source>run %1</source>
        <translation>运行 %1</translation>
    </message>
    <message>
        <source>Choose between %1 and %2 runs to compare (%3 given).</source>
        <translation>请选择 %1 到 %2 个运行进行比较（当前提供了 %3 个）。</translation>
    </message>
    <message>
        <source>“%1” was made from another video (%2) than “%3” (%4); only runs of the same video can be compared.</source>
        <translation>“%1”与“%3”来自不同的视频（%2 与 %4）；只能比较同一视频的运行。</translation>
    </message>
    <message>
        <source>“%1” has %2 sampled frames and “%3” has %4; compare runs made with the same sampling.</source>
        <translation>“%1”有 %2 个采样帧，而“%3”有 %4 个；请比较采样方式相同的运行。</translation>
    </message>
    <message>
        <source>%1 · %2 · keep %3 % · %4 vision tokens · %5 answer tokens</source>
        <translation>%1 · %2 · 保留 %3% · %4 个视觉 token · %5 个回答 token</translation>
    </message>
    <message>
        <source>%1 · %2 · sample %3 of %4</source>
        <translation>%1 · %2 · 采样 %3 / %4</translation>
    </message>
    <message>
        <source>“%1” sampled other frames than “%2” (sample %3 is at %4 s instead of %5 s); compare runs made with the same sampling.</source>
        <translation>“%1”与“%2”采样的帧不同（采样 %3 位于 %4 s，而不是 %5 s）；请比较采样方式相同的运行。</translation>
    </message>
</context>
<context>
    <name>EngineError</name>
    <message>
        <source>This request cannot be carried out.</source>
        <translation>无法执行此请求。</translation>
    </message>
    <message>
        <source>Something that should be there was not found.</source>
        <translation>未找到本应存在的内容。</translation>
    </message>
    <message>
        <source>The file is damaged, incomplete or not what it claims to be.</source>
        <translation>文件已损坏、不完整，或与其声称的格式不符。</translation>
    </message>
    <message>
        <source>This kind of input is not supported.</source>
        <translation>不支持此类输入。</translation>
    </message>
    <message>
        <source>The input is larger than STTS Lens accepts; try fewer frames.</source>
        <translation>输入超出了 STTS Lens 可接受的大小；请尝试减少帧数。</translation>
    </message>
    <message>
        <source>The operation took too long and was stopped.</source>
        <translation>操作耗时过长，已被停止。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Out of memory; try fewer frames, bfloat16 or the CPU.</source>
        <translation>内存不足；请尝试减少帧数、使用 bfloat16 或改用 CPU。</translation>
    </message>
    <message>
        <source>The system refused to read or write a file.</source>
        <translation>系统拒绝读取或写入文件。</translation>
    </message>
    <message>
        <source>STTS Lens hit an internal error; please report it.</source>
        <translation>STTS Lens 遇到内部错误；请报告此问题。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>EvalFolder</name>
    <message>
        <source>“%1” is not a file.</source>
        <translation>“%1”不是文件。</translation>
    </message>
    <message>
        <source>Could not read “%1”: %2.</source>
        <translation>无法读取“%1”：%2。</translation>
    </message>
    <message>
        <source>“%1” is %2 MiB, too large for a file of an eval.</source>
        <translation>“%1”大小为 %2 MiB，对评估文件而言过大。</translation>
    </message>
    <message numerus="yes">
        <source>%n samples</source>
        <translation>
            <numerusform>%n 个样本</numerusform>
        </translation>
    </message>
    <message>
        <source>model %1</source>
        <translation>模型 %1</translation>
    </message>
    <message>
        <source>engine %1</source>
        <translation>引擎 %1</translation>
    </message>
    <message>
        <source>prompt %1, parser %2</source>
        <translation>提示模板 %1，解析器 %2</translation>
    </message>
    <message numerus="yes">
        <source>merged from %n shards</source>
        <translation>
            <numerusform>由 %n 个分片合并</numerusform>
        </translation>
    </message>
    <message>
        <source>The folder “%1” does not exist.</source>
        <translation>文件夹“%1”不存在。</translation>
    </message>
    <message>
        <source>“%1” is not an eval folder: it has no %2. Choose the folder that `stts eval -o` wrote.</source>
        <translation>“%1”不是评估文件夹：其中没有 %2。请选择 `stts eval -o` 写入的文件夹。</translation>
    </message>
    <message numerus="yes">
        <source>There is no %1 yet, so its %n shard files were read together (`stts merge` joins them).</source>
        <translation>
            <numerusform>尚无 %1，因此一并读取了它的 %n 个分片文件（`stts merge` 可将其合并）。</numerusform>
        </translation>
    </message>
    <message>
        <source>The evaluation in “%1” cannot be shown: %2.</source>
        <translation>无法显示“%1”中的评估：%2。</translation>
    </message>
    <message>
        <source>The evaluation in “%1” has no answers yet: wait until `stts eval` has finished a sample.</source>
        <translation>“%1”中的评估尚无回答：请等待 `stts eval` 完成一个样本。</translation>
    </message>
    <message>
        <source>Lines cut short by a stopped eval were left out: %1.</source>
        <translation>已略过因评估中止而不完整的行：%1。</translation>
    </message>
    <message>
        <source>Answers that could not be run: %1 (the Samples tab says why).</source>
        <translation>无法运行的回答：%1（原因见“样本”选项卡）。</translation>
    </message>
    <message>
        <source>The metrics file could not be read, so the header shows only what the predictions say.</source>
        <translation>无法读取指标文件，因此标题行只显示预测中的信息。</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>it exists and is not a regular file (a device, FIFO or folder)</source>
        <translation>该路径已存在且不是普通文件（而是设备、FIFO 或文件夹）</translation>
    </message>
    <message>
        <source>No file name was given for the export.</source>
        <translation>未指定导出的文件名。</translation>
    </message>
    <message>
        <source>Cell data and run metadata need a run; only a video is open.</source>
        <translation>单元格数据和运行元数据需要一个运行；当前只打开了视频。</translation>
    </message>
    <message>
        <source>The export was cancelled.</source>
        <translation>导出已取消。</translation>
    </message>
    <message>
        <source>score</source>
        <translation>分数</translation>
    </message>
    <message>
        <source>kept</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>dropped</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <source>kept by both</source>
        <translation>两者均保留</translation>
    </message>
    <message>
        <source>only %1</source>
        <translation>仅 %1</translation>
    </message>
    <message>
        <source>by neither</source>
        <translation>两者均未保留</translation>
    </message>
    <message>
        <source>Only the run&apos;s stored %1 × %2 model inputs are available, so the frame is written at %3 × %4 instead of the video&apos;s %5 × %6.</source>
        <translation>只有运行中存储的 %1 × %2 模型输入可用，因此该帧以 %3 × %4 写出，而不是视频的 %5 × %6。</translation>
    </message>
    <message>
        <source>The frame is written at %1 × %2, smaller than the video&apos;s %3 × %4.</source>
        <translation>该帧以 %1 × %2 写出，小于视频的 %3 × %4。</translation>
    </message>
    <message>
        <source>%1 of %2 cells kept</source>
        <translation>已保留 %1 / %2 个单元格</translation>
    </message>
    <message>
        <source>Q: %1</source>
        <translation>问：%1</translation>
    </message>
    <message>
        <source>A: %1</source>
        <translation>答：%1</translation>
    </message>
    <message>
        <source>There is no frame to export.</source>
        <translation>没有可导出的帧。</translation>
    </message>
    <message>
        <source>The frame of %1 × %2 pixels could not be drawn (out of memory?).</source>
        <translation>无法绘制 %1 × %2 像素的帧（内存不足？）。</translation>
    </message>
    <message>
        <source>The captioned frame could not be drawn.</source>
        <translation>无法绘制带说明文字的帧。</translation>
    </message>
    <message>
        <source>There are no frames to export.</source>
        <translation>没有可导出的帧。</translation>
    </message>
    <message>
        <source>The contact sheet of %1 × %2 pixels could not be drawn (out of memory?).</source>
        <translation>无法绘制 %1 × %2 像素的缩略图总览（内存不足？）。</translation>
    </message>
    <message numerus="yes">
        <source>%n frames</source>
        <translation>
            <numerusform>%n 帧</numerusform>
        </translation>
    </message>
    <message>
        <source>vision tokens %1 → %2</source>
        <translation>视觉 token %1 → %2</translation>
    </message>
    <message>
        <source>%1 % kept</source>
        <translation>保留 %1%</translation>
    </message>
    <message>
        <source>sample %1 of %2</source>
        <translation>采样 %1 / %2</translation>
    </message>
    <message>
        <source>There is no sample %1: the samples are numbered 1 to %2.</source>
        <translation>不存在采样 %1：采样编号为 1 到 %2。</translation>
    </message>
</context>
<context>
    <name>ExportFileText</name>
    <message>
        <source>Could not write “%1”: %2.</source>
        <translation>无法写入“%1”：%2。</translation>
    </message>
</context>
<context>
    <name>FrameStore</name>
    <message>
        <source>No sampled frame of the video could be decoded.</source>
        <translation>视频中没有任何采样帧能够解码。</translation>
    </message>
</context>
<context>
    <name>ModelFolder</name>
    <message>
        <source>it is not a folder.</source>
        <translation>它不是文件夹。</translation>
    </message>
    <message>
        <source>it has no config.json, so it is not a model folder.</source>
        <translation>其中没有 config.json，因此它不是模型文件夹。</translation>
    </message>
</context>
<context>
    <name>QShortcut</name>
    <message>
        <source>Space</source>
        <translation>空格</translation>
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
        <translation>退格</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>回车</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Ins</source>
        <translation>Insert</translation>
    </message>
    <message>
        <source>Del</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Home</translation>
    </message>
    <message>
        <source>End</source>
        <translation>End</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>左</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>上</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>右</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>下</translation>
    </message>
    <message>
        <source>PgUp</source>
        <translation>PgUp</translation>
    </message>
    <message>
        <source>PgDown</source>
        <translation>PgDown</translation>
    </message>
    <message>
        <source>Ctrl</source>
        <translation>Ctrl</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Shift</translation>
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
        <translation>该运行未注明其视频</translation>
    </message>
    <message>
        <source>its video “%1” was not found</source>
        <translation>找不到其视频“%1”</translation>
    </message>
    <message>
        <source>its video “%1” has changed since the run was made</source>
        <translation>其视频“%1”在运行生成后已被更改</translation>
    </message>
    <message>
        <source>The run cannot be shown: %1, and it stores no frames of its own.</source>
        <translation>无法显示该运行：%1，且该运行自身未存储任何帧。</translation>
    </message>
    <message>
        <source>its video has no frames</source>
        <translation>其视频没有任何帧</translation>
    </message>
</context>
<context>
    <name>StageChart</name>
    <message>
        <source>Tokens processed</source>
        <translation>处理的 token 数</translation>
    </message>
    <message>
        <source>Time (%1)</source>
        <translation>时间（%1）</translation>
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
        <translation>%1  %2（%3%）</translation>
    </message>
    <message>
        <source>The chart needs at least %1 pixels of width to show all its text; %2 were asked for.</source>
        <translation>图表至少需要 %1 像素的宽度才能显示全部文字；请求的宽度为 %2 像素。</translation>
    </message>
    <message>
        <source>At %1 pixels wide the chart needs at least %2 pixels of height to show all its text; %3 were asked for.</source>
        <translation>宽度为 %1 像素时，图表至少需要 %2 像素的高度才能显示全部文字；请求的高度为 %3 像素。</translation>
    </message>
    <message>
        <source>The picture would be %1 × %2 pixels; at most %3 pixels on a side can be written.</source>
        <translation>图像将为 %1 × %2 像素；每边最多只能写出 %3 像素。</translation>
    </message>
    <message>
        <source>Made with STTS Lens</source>
        <translation>由 STTS Lens 制作</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Inspect which video tokens a pruned video VLM keeps and drops.</source>
        <translation>查看经过剪枝的视频 VLM 保留和丢弃了哪些视频 token。</translation>
    </message>
    <message>
        <source>language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>A video or a run file (.sttsrun) to open, or a model folder to ask with.</source>
        <translation>要打开的视频或运行文件（.sttsrun），或用于提问的模型文件夹。</translation>
    </message>
    <message>
        <source>[video | run | model folder]</source>
        <translation>[视频 | 运行 | 模型文件夹]</translation>
    </message>
    <message>
        <source>Show the user interface in &lt;language&gt; (e.g. de, zh_CN, en).</source>
        <translation>以 &lt;语言&gt; 显示用户界面（例如 de、zh_CN、en）。</translation>
    </message>
</context>
<context>
    <name>stts::ui::AnswerPanel</name>
    <message>
        <source>Generating…</source>
        <translation>正在生成…</translation>
    </message>
    <message>
        <source>No run yet: ask a question in the Ask panel or open a run.</source>
        <translation>尚无运行：请在“提问”面板中提问，或打开一个运行。</translation>
    </message>
    <message>
        <source>%1, keep %2</source>
        <translation>%1，保留 %2</translation>
    </message>
    <message>
        <source>This run has no answer: it scored the frames only.</source>
        <translation>此运行没有回答：它只对帧进行了评分。</translation>
    </message>
    <message>
        <source>%1 prompt tokens · %2 answer tokens · %3</source>
        <translation>%1 个提示 token · %2 个回答 token · %3</translation>
    </message>
    <message>
        <source>Question: %1</source>
        <translation>问题：%1</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <source>Demo model: answers are not meaningful</source>
        <translation>演示模型：回答没有实际意义</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
</context>
<context>
    <name>stts::ui::AskPanel</name>
    <message>
        <source>Choose Model Folder</source>
        <translation>选择模型文件夹</translation>
    </message>
    <message>
        <source>Type a question first.</source>
        <translation>请先输入问题。</translation>
    </message>
    <message>
        <source>Open a video before asking a question.</source>
        <translation>提问前请先打开视频。</translation>
    </message>
    <message>
        <source>Choose a model folder first.</source>
        <translation>请先选择模型文件夹。</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Loading the model…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <source>%1: %p %</source>
        <translation>%1：%p%</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Ask</source>
        <translation>提问</translation>
    </message>
    <message>
        <source>Model folder:</source>
        <translation>模型文件夹：</translation>
    </message>
    <message>
        <source>Model…</source>
        <translation>模型…</translation>
    </message>
    <message>
        <source>Demo model: answers are not meaningful</source>
        <translation>演示模型：回答没有实际意义</translation>
    </message>
    <message>
        <source>Method:</source>
        <translation>方法：</translation>
    </message>
    <message>
        <source>Keep ratio:</source>
        <translation>保留比例：</translation>
    </message>
    <message>
        <source>Max frames:</source>
        <translation>最大帧数：</translation>
    </message>
    <message>
        <source>At most this many frames are sampled from the video.</source>
        <translation>最多从视频中采样这么多帧。</translation>
    </message>
    <message>
        <source>Max fps:</source>
        <translation>最大 fps：</translation>
    </message>
    <message>
        <source>Sampled frames are at least 1/fps seconds apart.</source>
        <translation>采样帧之间至少间隔 1/fps 秒。</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>设备：</translation>
    </message>
    <message>
        <source>Dtype:</source>
        <translation>数据类型：</translation>
    </message>
    <message>
        <source>bfloat16 on CUDA, float32 on the CPU</source>
        <translation>CUDA 上为 bfloat16，CPU 上为 float32</translation>
    </message>
    <message>
        <source>Max tokens:</source>
        <translation>最大 token 数：</translation>
    </message>
    <message>
        <source>The answer stops after this many new tokens.</source>
        <translation>回答在生成这么多新 token 后停止。</translation>
    </message>
    <message>
        <source>Question:</source>
        <translation>问题：</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>问题</translation>
    </message>
</context>
<context>
    <name>stts::ui::AskWorker</name>
    <message>
        <source>The video could not be sampled again with the chosen frame limits: %1</source>
        <translation>无法按所选的帧数限制重新采样视频：%1</translation>
    </message>
    <message>
        <source>it has no decodable frames.</source>
        <translation>其中没有可解码的帧。</translation>
    </message>
    <message>
        <source>The frames could not be decoded: %1</source>
        <translation>无法解码这些帧：%1</translation>
    </message>
</context>
<context>
    <name>stts::ui::ChartExportDialog</name>
    <message>
        <source>Export Chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>PNG image</source>
        <translation>PNG 图像</translation>
    </message>
    <message>
        <source>SVG drawing</source>
        <translation>SVG 矢量图</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>1× (as on screen)</source>
        <translation>1×（与屏幕显示相同）</translation>
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
        <translation>300 dpi（打印）</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <source>Width:</source>
        <translation>宽度：</translation>
    </message>
    <message>
        <source>Height:</source>
        <translation>高度：</translation>
    </message>
    <message>
        <source>Scale:</source>
        <translation>缩放：</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>A drawing of %1 × %2 pixels</source>
        <translation>%1 × %2 像素的矢量图</translation>
    </message>
    <message>
        <source>A picture of %1 × %2 pixels</source>
        <translation>%1 × %2 像素的图像</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
</context>
<context>
    <name>stts::ui::CompareRunsDialog</name>
    <message>
        <source>Compare Runs</source>
        <translation>比较运行</translation>
    </message>
    <message>
        <source>&amp;Add Runs…</source>
        <translation>添加运行(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>比较(&amp;C)</translation>
    </message>
    <message>
        <source>Choose Runs to Compare</source>
        <translation>选择要比较的运行</translation>
    </message>
    <message>
        <source>STTS runs (*.sttsrun);;All files (*)</source>
        <translation>STTS 运行文件 (*.sttsrun);;所有文件 (*)</translation>
    </message>
    <message>
        <source>%1 runs chosen (at most %2).</source>
        <translation>已选择 %1 个运行（最多 %2 个）。</translation>
    </message>
    <message>
        <source>Choose %1 to %2 runs of the same video, made with the same sampling (%3 chosen).</source>
        <translation>请选择同一视频、采样方式相同的 %1 到 %2 个运行（已选择 %3 个）。</translation>
    </message>
    <message>
        <source>Re&amp;cent Runs</source>
        <translation>最近的运行(&amp;C)</translation>
    </message>
    <message>
        <source>No recent runs</source>
        <translation>没有最近的运行</translation>
    </message>
</context>
<context>
    <name>stts::ui::CompareWindow</name>
    <message>
        <source>Compare Runs — STTS Lens</source>
        <translation>比较运行 — STTS Lens</translation>
    </message>
    <message>
        <source>Compare %1 Runs — STTS Lens</source>
        <translation>比较 %1 个运行 — STTS Lens</translation>
    </message>
    <message>
        <source>Diff and IoU of:</source>
        <translation>差异与 IoU 比较：</translation>
    </message>
    <message>
        <source>First run of the diff and of the IoU strip</source>
        <translation>差异和 IoU 条带的第一个运行</translation>
    </message>
    <message>
        <source>Second run of the diff and of the IoU strip</source>
        <translation>差异和 IoU 条带的第二个运行</translation>
    </message>
    <message>
        <source>Answers in export</source>
        <translation>导出时包含回答</translation>
    </message>
    <message>
        <source>Export Image… (%1)</source>
        <translation>导出图像…（%1）</translation>
    </message>
    <message>
        <source>Timeline of sampled frames, shared by every pane</source>
        <translation>采样帧时间轴，所有窗格共用</translation>
    </message>
    <message>
        <source>Time per stage of each run</source>
        <translation>每个运行各阶段的耗时</translation>
    </message>
    <message>
        <source>Choose between %1 and %2 runs to compare (%3 given).</source>
        <translation>请选择 %1 到 %2 个运行进行比较（当前提供了 %3 个）。</translation>
    </message>
    <message>
        <source>Opening %1 runs…</source>
        <translation>正在打开 %1 个运行…</translation>
    </message>
    <message>
        <source>Could not open the run “%1”: %2</source>
        <translation>无法打开运行“%1”：%2</translation>
    </message>
    <message>
        <source>Nothing to compare.</source>
        <translation>没有可比较的内容。</translation>
    </message>
    <message>
        <source>A run could not be opened, so there is nothing to compare.</source>
        <translation>有运行无法打开，因此没有可比较的内容。</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1：%2。</translation>
    </message>
    <message>
        <source> of %1 and %2 (green: kept by both, orange: only %1, blue: only %2)</source>
        <translation>（%1 与 %2；绿色：两者均保留，橙色：仅 %1，蓝色：仅 %2）</translation>
    </message>
    <message>
        <source>Overlay: %1%2</source>
        <translation>叠加层：%1%2</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Export Comparison</source>
        <translation>导出比较</translation>
    </message>
    <message>
        <source>PNG images (*.png);;All files (*)</source>
        <translation>PNG 图像 (*.png);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Follow the main window</source>
        <translation>跟随主窗口</translation>
    </message>
    <message>
        <source>Move the main window&apos;s playhead with this one, and this one with it, by time</source>
        <translation>按时间同步播放头：移动此窗口时主窗口随之移动，反之亦然</translation>
    </message>
    <message>
        <source>There is no comparison image to write.</source>
        <translation>没有可写出的比较图像。</translation>
    </message>
    <message>
        <source>Could not write the comparison image “%1”: %2</source>
        <translation>无法写入比较图像“%1”：%2</translation>
    </message>
</context>
<context>
    <name>stts::ui::DataPanel</name>
    <message>
        <source>No video or run is open.</source>
        <translation>未打开视频或运行。</translation>
    </message>
    <message>
        <source>Video: %1 (%2 sampled frames)</source>
        <translation>视频：%1（%2 个采样帧）</translation>
    </message>
    <message>
        <source>No run: ask a question or open a run for kept cells and token counts.</source>
        <translation>无运行：请提问或打开一个运行，以查看保留的单元格和 token 数量。</translation>
    </message>
    <message>
        <source>Vision tokens: %1 before, %2 after pruning (%3 %)</source>
        <translation>视觉 token：剪枝前 %1 个，剪枝后 %2 个（%3%）</translation>
    </message>
    <message>
        <source>Method: %1, keep ratio %2</source>
        <translation>方法：%1，保留比例 %2</translation>
    </message>
    <message>
        <source>Peak memory: %1</source>
        <translation>峰值内存：%1</translation>
    </message>
    <message>
        <source>Peak memory: not recorded</source>
        <translation>峰值内存：未记录</translation>
    </message>
    <message>
        <source>Model: %1 (config %2, %3) on %4, %5</source>
        <translation>模型：%1（配置 %2，%3），运行于 %4，%5</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>with STTS scorer</source>
        <translation>含 STTS 评分器</translation>
    </message>
    <message>
        <source>no scorer</source>
        <translation>无评分器</translation>
    </message>
    <message>
        <source>Video file: %1, %2, first MiB %3</source>
        <translation>视频文件：%1，%2，首 MiB 哈希 %3</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>注意：%1</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>采样</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Raw frame</source>
        <translation>原始帧</translation>
    </message>
    <message>
        <source>Kept cells</source>
        <translation>保留的单元格</translation>
    </message>
    <message>
        <source>Keep %</source>
        <translation>保留 %</translation>
    </message>
    <message>
        <source>Sampled frames</source>
        <translation>采样帧</translation>
    </message>
</context>
<context>
    <name>stts::ui::DisplayPanel</name>
    <message>
        <source>Display</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>&amp;Overlay:</source>
        <translation>叠加层(&amp;O)：</translation>
    </message>
    <message>
        <source>Colour &amp;map:</source>
        <translation>色彩映射(&amp;M)：</translation>
    </message>
    <message>
        <source>O&amp;pacity:</source>
        <translation>不透明度(&amp;P)：</translation>
    </message>
    <message>
        <source>Dropped cells:</source>
        <translation>丢弃的单元格：</translation>
    </message>
    <message>
        <source>Score &amp;range:</source>
        <translation>分数范围(&amp;R)：</translation>
    </message>
    <message>
        <source>Cell &amp;grid:</source>
        <translation>单元格网格(&amp;G)：</translation>
    </message>
    <message>
        <source>&amp;Brightness:</source>
        <translation>亮度(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;Contrast:</source>
        <translation>对比度(&amp;C)：</translation>
    </message>
    <message>
        <source>Show the 9 × 9 cells</source>
        <translation>显示 9 × 9 单元格</translation>
    </message>
    <message>
        <source>&amp;Reset Display</source>
        <translation>重置显示(&amp;R)</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1%</translation>
    </message>
</context>
<context>
    <name>stts::ui::EvalChartView</name>
    <message>
        <source>Accuracy (%)</source>
        <translation>准确率 (%)</translation>
    </message>
    <message>
        <source>Prefill (ms, median)</source>
        <translation>预填充（毫秒，中位数）</translation>
    </message>
    <message>
        <source>Vision tokens (mean)</source>
        <translation>视觉 token（均值）</translation>
    </message>
    <message>
        <source>Accuracy · %1</source>
        <translation>准确率 · %1</translation>
    </message>
    <message>
        <source>Prefill time · %1</source>
        <translation>预填充时间 · %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n frames</source>
        <translation>
            <numerusform>%1 · %n 帧</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, keep %2: %3 % correct (95 % interval %4–%5 %), %6 of %7 answers; %8 vision tokens</source>
        <translation>%1，保留 %2：正确率 %3%（95% 区间 %4–%5%），%7 个回答中 %6 个正确；%8 个视觉 token</translation>
    </message>
    <message>
        <source>%1, keep %2: prefill %3 ms (median of %4 answers); %5 vision tokens</source>
        <translation>%1，保留 %2：预填充 %3 毫秒（%4 个回答的中位数）；%5 个视觉 token</translation>
    </message>
    <message>
        <source>The picture would be %1 × %2 pixels; at most %3 pixels on a side can be written.</source>
        <translation>图片将为 %1 × %2 像素；每边最多只能写入 %3 像素。</translation>
    </message>
    <message>
        <source>Made with STTS Lens</source>
        <translation>由 STTS Lens 生成</translation>
    </message>
    <message>
        <source>Export Chart as PNG or SVG…</source>
        <translation>将图表导出为 PNG 或 SVG…</translation>
    </message>
</context>
<context>
    <name>stts::ui::EvalController</name>
    <message>
        <source>Open Evaluation Folder</source>
        <translation>打开评估文件夹</translation>
    </message>
    <message>
        <source>Open Evaluation</source>
        <translation>打开评估</translation>
    </message>
</context>
<context>
    <name>stts::ui::EvalSamplesModel</name>
    <message>
        <source>✓ yes</source>
        <translation>✓ 是</translation>
    </message>
    <message>
        <source>✗ no</source>
        <translation>✗ 否</translation>
    </message>
    <message>
        <source>Vision tokens the LLM received (after pruning)</source>
        <translation>LLM 收到的视觉 token（剪枝后）</translation>
    </message>
    <message>
        <source>The model&apos;s answer as it wrote it</source>
        <translation>模型写出的原始回答</translation>
    </message>
    <message>
        <source>The option the answer parser read from the answer</source>
        <translation>回答解析器从回答中读出的选项</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>Frames</source>
        <translation>帧数</translation>
    </message>
    <message>
        <source>Vision tokens</source>
        <translation>视觉 token</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <source>Choice</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>Correct</source>
        <translation>正确</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Prefill (ms)</source>
        <translation>预填充（毫秒）</translation>
    </message>
    <message>
        <source>Total (ms)</source>
        <translation>总计（毫秒）</translation>
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
        <translation>%2 个回答中 %1 个正确</translation>
    </message>
    <message>
        <source>Vision tokens the LLM received, mean per sample (after pruning)</source>
        <translation>LLM 收到的视觉 token，每个样本的均值（剪枝后）</translation>
    </message>
    <message>
        <source>Samples that ran; failed ones are counted apart</source>
        <translation>已运行的样本；失败的单独计数</translation>
    </message>
    <message>
        <source>95 % Wilson score interval of the accuracy</source>
        <translation>准确率的 95% Wilson 置信区间</translation>
    </message>
    <message>
        <source>Median time of the prefill stage</source>
        <translation>预填充阶段的中位时间</translation>
    </message>
    <message>
        <source>Median time of the whole run</source>
        <translation>整个运行的中位时间</translation>
    </message>
    <message>
        <source>Median prefill time of the unpruned run (none) at the same frames over this group&apos;s</source>
        <translation>相同帧数下未剪枝运行（none）的预填充中位时间除以本组的预填充中位时间</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Frames</source>
        <translation>帧数</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>Vision tokens</source>
        <translation>视觉 token</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Accuracy (%)</source>
        <translation>准确率 (%)</translation>
    </message>
    <message>
        <source>95 % interval</source>
        <translation>95% 区间</translation>
    </message>
    <message>
        <source>Prefill (ms)</source>
        <translation>预填充（毫秒）</translation>
    </message>
    <message>
        <source>Total (ms)</source>
        <translation>总计（毫秒）</translation>
    </message>
    <message>
        <source>Prefill speedup</source>
        <translation>预填充加速比</translation>
    </message>
</context>
<context>
    <name>stts::ui::EvalWindow</name>
    <message>
        <source>Evaluation · %1 — STTS Lens</source>
        <translation>评估 · %1 — STTS Lens</translation>
    </message>
    <message>
        <source>Export Accuracy Chart…</source>
        <translation>导出准确率图表…</translation>
    </message>
    <message>
        <source>Export Prefill Chart…</source>
        <translation>导出预填充图表…</translation>
    </message>
    <message>
        <source>Save the chart as a PNG picture or an SVG drawing</source>
        <translation>将图表保存为 PNG 图片或 SVG 矢量图</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>汇总</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>&amp;Filter:</source>
        <translation>筛选(&amp;F)：</translation>
    </message>
    <message>
        <source>ID, method, answer or error</source>
        <translation>ID、方法、回答或错误</translation>
    </message>
    <message>
        <source>Double-click a sample or press Enter to open its run in the main window</source>
        <translation>双击样本或按 Enter 键，在主窗口中打开其运行</translation>
    </message>
    <message>
        <source>This eval was run without --save-runs: there are no run files to open</source>
        <translation>此评估运行时未使用 --save-runs：没有可打开的运行文件</translation>
    </message>
    <message>
        <source>Rest the pointer on a point to see its numbers, with the 95 % interval of the accuracy.</source>
        <translation>将指针停在某个点上即可查看其数值，包括准确率的 95% 区间。</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Could not save the chart: %1</source>
        <translation>无法保存图表：%1</translation>
    </message>
    <message>
        <source>Sample “%1” could not be run (%2), so it has no run file.</source>
        <translation>样本“%1”无法运行（%2），因此没有运行文件。</translation>
    </message>
    <message>
        <source>Opening runs/%1 in the main window.</source>
        <translation>正在主窗口中打开 runs/%1。</translation>
    </message>
    <message>
        <source>There is no run file for sample “%1”: this eval was run without --save-runs (it would be runs/%2).</source>
        <translation>样本“%1”没有运行文件：此评估运行时未使用 --save-runs（否则文件应为 runs/%2）。</translation>
    </message>
    <message>
        <source>The run file runs/%1 of sample “%2” is missing from this eval folder.</source>
        <translation>此评估文件夹中缺少样本“%2”的运行文件 runs/%1。</translation>
    </message>
    <message>
        <source>Only %1 · %2 frames · keep %3 ✕</source>
        <translation>仅 %1 · %2 帧 · 保留 %3 ✕</translation>
    </message>
    <message>
        <source>Show the answers of every method, keep and frame count</source>
        <translation>显示所有方法、保留比例和帧数的回答</translation>
    </message>
</context>
<context>
    <name>stts::ui::ExportController</name>
    <message>
        <source>Nothing to export yet: open a video or a run first.</source>
        <translation>尚无可导出的内容：请先打开视频或运行。</translation>
    </message>
    <message>
        <source>Export cancelled.</source>
        <translation>导出已取消。</translation>
    </message>
    <message>
        <source>Could not export “%1”: %2</source>
        <translation>无法导出“%1”：%2</translation>
    </message>
    <message>
        <source>Export failed.</source>
        <translation>导出失败。</translation>
    </message>
    <message>
        <source>Saved %1 (%2 × %3 pixels) in %4</source>
        <translation>已将 %1（%2 × %3 像素）保存到 %4</translation>
    </message>
    <message>
        <source>Saved %1 in %2</source>
        <translation>已将 %1 保存到 %2</translation>
    </message>
    <message>
        <source>(also copied to the clipboard)</source>
        <translation>（同时已复制到剪贴板）</translation>
    </message>
</context>
<context>
    <name>stts::ui::ExportDialog</name>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Current frame (PNG)</source>
        <translation>当前帧（PNG）</translation>
    </message>
    <message>
        <source>Contact sheet of all frames (PNG)</source>
        <translation>所有帧的缩略图总览（PNG）</translation>
    </message>
    <message>
        <source>Cell scores and keep mask (CSV)</source>
        <translation>单元格分数和保留掩码（CSV）</translation>
    </message>
    <message>
        <source>Run metadata (JSON)</source>
        <translation>运行元数据（JSON）</translation>
    </message>
    <message>
        <source>&amp;What:</source>
        <translation>内容(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Save as:</source>
        <translation>另存为(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Draw the &amp;overlay (as shown: mask or scores)</source>
        <translation>绘制叠加层（按当前显示：掩码或分数）(&amp;O)</translation>
    </message>
    <message>
        <source>Add a &amp;legend</source>
        <translation>添加图例(&amp;L)</translation>
    </message>
    <message>
        <source>Add a &amp;caption (frame, method, question and answer)</source>
        <translation>添加说明文字（帧、方法、问题和回答）(&amp;C)</translation>
    </message>
    <message>
        <source>Also copy to the clip&amp;board</source>
        <translation>同时复制到剪贴板(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>%1 × %2 pixels</source>
        <translation>%1 × %2 像素</translation>
    </message>
    <message>
        <source>%1 × %2 pixels: %3 frames in %4 columns and %5 rows</source>
        <translation>%1 × %2 像素：%3 帧，共 %4 列 %5 行</translation>
    </message>
    <message>
        <source>%1 rows: %2 frames × %3 cells</source>
        <translation>%1 行：%2 帧 × %3 个单元格</translation>
    </message>
    <message>
        <source>Request, video, per-frame times and kept counts, timings, answer</source>
        <translation>请求、视频、每帧的时间和保留数量、耗时、回答</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>stts::ui::FitDialog</name>
    <message>
        <source>Choose Model Folder</source>
        <translation>选择模型文件夹</translation>
    </message>
    <message>
        <source>Fitted Model Folder</source>
        <translation>拟合后模型的文件夹</translation>
    </message>
    <message>
        <source>Add Training Videos</source>
        <translation>添加训练视频</translation>
    </message>
    <message>
        <source>Videos (*.mp4 *.m4v *.mov *.mkv *.webm *.avi *.mpg *.mpeg *.ts *.gif);;All files (*)</source>
        <translation>视频 (*.mp4 *.m4v *.mov *.mkv *.webm *.avi *.mpg *.mpeg *.ts *.gif);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Choose the model folder whose scorer should be fitted.</source>
        <translation>请选择要拟合其评分器的模型文件夹。</translation>
    </message>
    <message>
        <source>The model folder “%1” cannot be used: %2</source>
        <translation>无法使用模型文件夹“%1”：%2</translation>
    </message>
    <message>
        <source>Add at least one video to fit the scorer to.</source>
        <translation>请至少添加一个用于拟合评分器的视频。</translation>
    </message>
    <message>
        <source>Choose a folder for the fitted model.</source>
        <translation>请为拟合后的模型选择一个文件夹。</translation>
    </message>
    <message>
        <source>“%1” already exists, and fitting never overwrites a folder: choose another output folder.</source>
        <translation>“%1”已存在，而拟合从不覆盖文件夹：请选择其他输出文件夹。</translation>
    </message>
    <message>
        <source>Loading the model and sampling the videos…</source>
        <translation>正在加载模型并采样视频…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Step %1 of %2 · loss %3</source>
        <translation>第 %1 步，共 %2 步 · 损失 %3</translation>
    </message>
    <message>
        <source>Fitted in %1 s: loss %2 → %3. The new model is in “%4”.</source>
        <translation>拟合用时 %1 s：损失 %2 → %3。新模型位于“%4”。</translation>
    </message>
    <message>
        <source>Skipped: %1</source>
        <translation>已跳过：%1</translation>
    </message>
    <message>
        <source>The fit failed: %1</source>
        <translation>拟合失败：%1</translation>
    </message>
    <message>
        <source>Cancelled, nothing written.</source>
        <translation>已取消，未写入任何内容。</translation>
    </message>
    <message>
        <source>Fit STTS Scorer</source>
        <translation>拟合 STTS 评分器</translation>
    </message>
    <message>
        <source>Model folder:</source>
        <translation>模型文件夹：</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Videos:</source>
        <translation>视频：</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Steps:</source>
        <translation>步数：</translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation>学习率：</translation>
    </message>
    <message>
        <source>Frames per video:</source>
        <translation>每个视频的帧数：</translation>
    </message>
    <message>
        <source>Output folder:</source>
        <translation>输出文件夹：</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>拟合</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Re-run Current Video with the Fitted Model</source>
        <translation>用拟合后的模型重新运行当前视频</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Loss per step</source>
        <translation>每步损失</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>loss (log scale)</source>
        <translation>损失（对数刻度）</translation>
    </message>
</context>
<context>
    <name>stts::ui::FrameFillIndicator</name>
    <message>
        <source>Decoding the frames stopped: %1</source>
        <translation>帧解码已停止：%1</translation>
    </message>
    <message>
        <source>Decoding frames: %1 of %2</source>
        <translation>正在解码帧：%1 / %2</translation>
    </message>
</context>
<context>
    <name>stts::ui::FrameProvider</name>
    <message>
        <source>No video file is open.</source>
        <translation>未打开视频文件。</translation>
    </message>
    <message>
        <source>The video has no frame %1.</source>
        <translation>视频中没有第 %1 帧。</translation>
    </message>
</context>
<context>
    <name>stts::ui::FrameView</name>
    <message>
        <source>The graphics driver could not compile the frame shader.</source>
        <translation>图形驱动程序无法编译帧着色器。</translation>
    </message>
    <message>
        <source>This frame (%1 × %2) is larger than the graphics driver can show.</source>
        <translation>此帧（%1 × %2）超出了图形驱动程序可显示的最大尺寸。</translation>
    </message>
    <message>
        <source>Cell: row %1, column %2</source>
        <translation>单元格：第 %1 行，第 %2 列</translation>
    </message>
    <message>
        <source>Kept by both runs</source>
        <translation>两个运行均保留</translation>
    </message>
    <message>
        <source>Kept by run A only</source>
        <translation>仅运行 A 保留</translation>
    </message>
    <message>
        <source>Kept by run B only</source>
        <translation>仅运行 B 保留</translation>
    </message>
    <message>
        <source>Dropped by both runs</source>
        <translation>两个运行均丢弃</translation>
    </message>
    <message>
        <source>Score: %1</source>
        <translation>分数：%1</translation>
    </message>
    <message>
        <source>Score: unknown</source>
        <translation>分数：未知</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>已保留</translation>
    </message>
    <message>
        <source>Dropped</source>
        <translation>已丢弃</translation>
    </message>
    <message>
        <source>Sample %1 of %2 · %3</source>
        <translation>采样 %1 / %2 · %3</translation>
    </message>
    <message>
        <source>Decoding this frame…</source>
        <translation>正在解码此帧…</translation>
    </message>
</context>
<context>
    <name>stts::ui::IoUStrip</name>
    <message>
        <source>IoU of the cells kept by %1 and %2 per sampled frame</source>
        <translation>每个采样帧中 %1 与 %2 所保留单元格的 IoU</translation>
    </message>
    <message>
        <source>IoU %1·%2</source>
        <translation>IoU %1·%2</translation>
    </message>
    <message>
        <source>Sample %1: IoU unknown</source>
        <translation>采样 %1：IoU 未知</translation>
    </message>
    <message>
        <source>Sample %1: IoU(%2, %3) = %4</source>
        <translation>采样 %1：IoU(%2, %3) = %4</translation>
    </message>
</context>
<context>
    <name>stts::ui::MainWindow</name>
    <message>
        <source>The answer is ready; save the run with %1.</source>
        <translation>回答已生成；可按 %1 保存该运行。</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Playback</source>
        <translation>播放(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Colour &amp;Map</source>
        <translation>色彩映射(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>面板(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>播放控制</translation>
    </message>
    <message>
        <source>Video frame</source>
        <translation>视频帧</translation>
    </message>
    <message>
        <source>Timeline of sampled frames</source>
        <translation>采样帧时间轴</translation>
    </message>
    <message>
        <source>Loading</source>
        <translation>正在加载</translation>
    </message>
    <message>
        <source>Open a video (%1) or a run (%2), or drop a video or run file here.</source>
        <translation>打开视频（%1）或运行（%2），或将视频或运行文件拖放到此处。</translation>
    </message>
    <message>
        <source>Open Video</source>
        <translation>打开视频</translation>
    </message>
    <message>
        <source>Videos (*.mp4 *.m4v *.mov *.mkv *.webm *.avi *.mpg *.mpeg *.ts *.gif);;All files (*)</source>
        <translation>视频 (*.mp4 *.m4v *.mov *.mkv *.webm *.avi *.mpg *.mpeg *.ts *.gif);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open Run</source>
        <translation>打开运行</translation>
    </message>
    <message>
        <source>STTS runs (*.sttsrun);;All files (*)</source>
        <translation>STTS 运行文件 (*.sttsrun);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <source>Opened %1: %2, so the frames stored in the run are shown.</source>
        <translation>已打开 %1：%2，因此显示运行中存储的帧。</translation>
    </message>
    <message>
        <source>Opened %1, but %2: the cells may not match the pictures.</source>
        <translation>已打开 %1，但%2：单元格可能与画面不符。</translation>
    </message>
    <message>
        <source>Save Run</source>
        <translation>保存运行</translation>
    </message>
    <message>
        <source>Could not save the run “%1”: %2</source>
        <translation>无法保存运行“%1”：%2</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Could not open “%1”: %2</source>
        <translation>无法打开“%1”：%2</translation>
    </message>
    <message>
        <source>Could not open %1</source>
        <translation>无法打开 %1</translation>
    </message>
    <message>
        <source>Could not open the run “%1”: %2</source>
        <translation>无法打开运行“%1”：%2</translation>
    </message>
    <message>
        <source>Overlay: %1 · opacity %2 %</source>
        <translation>叠加层：%1 · 不透明度 %2%</translation>
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
        <translation>%1 · %2 × %3 · %4 fps · %5 · %6 个采样帧</translation>
    </message>
    <message>
        <source>Vision tokens %1 → %2 (%3 %)</source>
        <translation>视觉 token %1 → %2（%3%）</translation>
    </message>
    <message>
        <source>Zoom %1 %</source>
        <translation>缩放 %1%</translation>
    </message>
</context>
<context>
    <name>stts::ui::MessageBar</name>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>stts::ui::OverlayLegend</name>
    <message>
        <source>Kept cells, run A vs run B</source>
        <translation>保留的单元格：运行 A 对比运行 B</translation>
    </message>
    <message>
        <source>Score (%1, this frame&apos;s range)</source>
        <translation>分数（%1，本帧范围）</translation>
    </message>
    <message>
        <source>Score (%1, run range)</source>
        <translation>分数（%1，运行范围）</translation>
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
        <translation>两者均保留</translation>
    </message>
    <message>
        <source>only %1</source>
        <translation>仅 %1</translation>
    </message>
    <message>
        <source>dropped by both</source>
        <translation>两者均丢弃</translation>
    </message>
</context>
<context>
    <name>stts::ui::OverlayState</name>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>keep mask</source>
        <translation>保留掩码</translation>
    </message>
    <message>
        <source>scores</source>
        <translation>分数</translation>
    </message>
    <message>
        <source>two-run diff</source>
        <translation>两次运行差异</translation>
    </message>
    <message>
        <source>hatched</source>
        <translation>阴影线</translation>
    </message>
    <message>
        <source>dimmed</source>
        <translation>变暗</translation>
    </message>
    <message>
        <source>per frame</source>
        <translation>按帧</translation>
    </message>
    <message>
        <source>per run</source>
        <translation>按运行</translation>
    </message>
</context>
<context>
    <name>stts::ui::PlaybackController</name>
    <message>
        <source>Open a video first.</source>
        <translation>请先打开视频。</translation>
    </message>
    <message>
        <source>Raw video frames are not available: this run is shown from the frames stored in it because %1. Open the run with its video to step between samples.</source>
        <translation>原始视频帧不可用：由于%1，此运行显示的是其中存储的帧。请连同其视频一起打开该运行，才能在采样帧之间逐帧浏览。</translation>
    </message>
    <message>
        <source>its video could not be used</source>
        <translation>其视频无法使用</translation>
    </message>
    <message>
        <source>Playing forward at %1×</source>
        <translation>正在以 %1× 速度正向播放</translation>
    </message>
    <message>
        <source>Playing backward at %1×</source>
        <translation>正在以 %1× 速度反向播放</translation>
    </message>
    <message>
        <source>Decoding raw frame %1…</source>
        <translation>正在解码原始帧 %1…</translation>
    </message>
    <message>
        <source>Raw frame %1 at %2 is not a sampled frame: the model never saw it, so it has no overlay.</source>
        <translation>位于 %2 的原始帧 %1 不是采样帧：模型从未看到过它，因此没有叠加层。</translation>
    </message>
    <message>
        <source>Could not show raw frame %1: %2</source>
        <translation>无法显示原始帧 %1：%2</translation>
    </message>
</context>
<context>
    <name>stts::ui::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source>Keyboard shortcuts. Select an action, then click a key field and press the keys.</source>
        <translation>键盘快捷键。请选择一个操作，然后单击按键字段并按下按键。</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>&amp;Key:</source>
        <translation>按键(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Alternative key:</source>
        <translation>备用按键(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Clear Keys</source>
        <translation>清除按键(&amp;C)</translation>
    </message>
    <message>
        <source>Reset &amp;This Action</source>
        <translation>重置此操作(&amp;T)</translation>
    </message>
    <message>
        <source>Reset &amp;All</source>
        <translation>全部重置(&amp;A)</translation>
    </message>
    <message>
        <source>Keys for “%1”</source>
        <translation>“%1”的按键</translation>
    </message>
    <message>
        <source>%1 is already used by “%2” (%3). Remove it there first, or choose another key.</source>
        <translation>%1 已被“%2”（%3）使用。请先在那里将其移除，或选择其他按键。</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>Memory for the pictures of one opened video or run. Every sampled frame is kept at a size that fits this budget (full resolution is decoded again for exports, the model and close zoom). Applies to videos and runs opened afterwards.</source>
        <translation>一个已打开视频或运行的画面所用内存。每个采样帧都以适合此预算的尺寸保存（导出、模型和放大查看时会重新解码全分辨率）。对之后打开的视频和运行生效。</translation>
    </message>
    <message>
        <source>&amp;Frame memory:</source>
        <translation>帧内存(&amp;F)：</translation>
    </message>
</context>
<context>
    <name>stts::ui::RecentFilesMenu</name>
    <message>
        <source>Open Recen&amp;t</source>
        <translation>最近打开(&amp;T)</translation>
    </message>
    <message>
        <source>No recent files</source>
        <translation>没有最近打开的文件</translation>
    </message>
    <message>
        <source>&amp;Clear List</source>
        <translation>清除列表(&amp;C)</translation>
    </message>
</context>
<context>
    <name>stts::ui::RunOptionsBox</name>
    <message>
        <source>More options</source>
        <translation>更多选项</translation>
    </message>
    <message>
        <source>Budget:</source>
        <translation>预算：</translation>
    </message>
    <message>
        <source>as STTS keeps</source>
        <translation>与 STTS 相同</translation>
    </message>
    <message>
        <source>method&apos;s own</source>
        <translation>方法自身</translation>
    </message>
    <message>
        <source>Keep exactly the cells STTS keeps at this ratio (matched budgets), or the count each method&apos;s own formula gives</source>
        <translation>保留与 STTS 在此比例下所保留数量完全相同的单元格（预算一致），或保留各方法自身公式给出的数量</translation>
    </message>
    <message>
        <source>Features:</source>
        <translation>特征：</translation>
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
        <translation>EVS 和 VidCom2 读取特征的位置：connector 之后（ViT 完整运行）或 ViT 内部（节省 ViT 计算）</translation>
    </message>
    <message>
        <source>FastV layer:</source>
        <translation>FastV 层：</translation>
    </message>
    <message>
        <source>The LLM layer whose input loses the pruned vision tokens</source>
        <translation>在其输入中去掉被剪枝视觉 token 的 LLM 层</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>随机种子：</translation>
    </message>
    <message>
        <source>The random method&apos;s seed: the same seed keeps the same cells</source>
        <translation>Random 方法的随机种子：相同的种子保留相同的单元格</translation>
    </message>
</context>
<context>
    <name>stts::ui::RunPanels</name>
    <message>
        <source>“%1” cannot be used as a model: %2</source>
        <translation>“%1”无法用作模型：%2</translation>
    </message>
    <message>
        <source>Model folder: %1</source>
        <translation>模型文件夹：%1</translation>
    </message>
    <message>
        <source>A run is in progress; choose the model “%1” when it has finished.</source>
        <translation>有运行正在进行；请在其完成后再选择模型“%1”。</translation>
    </message>
    <message>
        <source>This build of STTS Lens cannot run models, so “%1” cannot be used.</source>
        <translation>此版本的 STTS Lens 无法运行模型，因此无法使用“%1”。</translation>
    </message>
</context>
<context>
    <name>stts::ui::ShortcutHelpOverlay</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Change them in Preferences · Esc or a click closes this</source>
        <translation>可在首选项中更改 · 按 Esc 或单击即可关闭</translation>
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
        <translation>采样 %1 · 帧 %2</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1%</translation>
    </message>
</context>
<context>
    <name>stts::ui::Timeline</name>
    <message>
        <source>No video loaded</source>
        <translation>未加载视频</translation>
    </message>
    <message>
        <source>Raw frame between samples %1 and %2 · not a sampled frame, no overlay</source>
        <translation>采样 %1 与 %2 之间的原始帧 · 非采样帧，无叠加层</translation>
    </message>
    <message>
        <source>Frame %1</source>
        <translation>帧 %1</translation>
    </message>
    <message>
        <source>Sample %1 / %2</source>
        <translation>采样 %1 / %2</translation>
    </message>
    <message>
        <source>%1 · kept %2 / %3</source>
        <translation>%1 · 保留 %2 / %3</translation>
    </message>
    <message>
        <source>Sample %1 · %2 · kept %3 of %4 cells (%5 %)</source>
        <translation>采样 %1 · %2 · 保留 %3 / %4 个单元格（%5%）</translation>
    </message>
    <message>
        <source>Kept whole by the method (e.g. the first frame)</source>
        <translation>被该方法完整保留（例如第一帧）</translation>
    </message>
</context>
<context>
    <name>stts::ui::TimingChart</name>
    <message>
        <source>%1 · %2: %3 ms</source>
        <translation>%1 · %2：%3 ms</translation>
    </message>
    <message>
        <source>No stage timings were recorded in these runs.</source>
        <translation>这些运行中没有记录阶段耗时。</translation>
    </message>
    <message>
        <source>Time per stage</source>
        <translation>各阶段耗时</translation>
    </message>
</context>
<context>
    <name>stts::ui::TimingPanel</name>
    <message>
        <source>Export Chart as PNG or SVG…</source>
        <translation>将图表导出为 PNG 或 SVG…</translation>
    </message>
    <message>
        <source>There is no run to export.</source>
        <translation>没有可导出的运行。</translation>
    </message>
    <message>
        <source>%1: %2 ms, %3 % of the run, %4 tokens on %5</source>
        <translation>%1：%2 ms，占运行的 %3%，在 %5 上处理 %4 个 token</translation>
    </message>
    <message>
        <source>%1: %2 tokens</source>
        <translation>%1：%2 个 token</translation>
    </message>
    <message>
        <source>%1 ms in %2 stages</source>
        <translation>%1 ms，共 %2 个阶段</translation>
    </message>
    <message>
        <source>Timing</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>No run yet: ask a question or open a run to see where the time went.</source>
        <translation>尚无运行：请提问或打开一个运行，以查看时间花在了哪里。</translation>
    </message>
    <message>
        <source>Export Times…</source>
        <translation>导出耗时…</translation>
    </message>
    <message>
        <source>Export Tokens…</source>
        <translation>导出 Token 数…</translation>
    </message>
    <message>
        <source>Time per stage</source>
        <translation>各阶段耗时</translation>
    </message>
    <message>
        <source>Tokens per stage</source>
        <translation>各阶段 token 数</translation>
    </message>
</context>
<context>
    <name>stts::ui::VideoLoader</name>
    <message>
        <source>The video contains no frames that could be decoded.</source>
        <translation>视频中没有可解码的帧。</translation>
    </message>
</context>
</TS>

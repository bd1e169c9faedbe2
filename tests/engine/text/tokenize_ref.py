"""Reference tokenizer for the parity test: Hugging Face `tokenizers` (the Rust library that
Qwen3 and Molmo2 ship with, independent of our C++ code) on a given tokenizer.json.

    python tokenize_ref.py TOKENIZER_JSON < corpus.jsonl

Reads one JSON string per stdin line and prints one JSON array of ids per line, like
`stts tokenize`. Added tokens are matched as the file says; no special tokens are added around
the text. Exit 3 when the `tokenizers` package is missing, so the test can say so.
"""
import json
import sys

try:
    from tokenizers import Tokenizer
except ImportError:
    sys.stderr.write("the Python package `tokenizers` is not installed\n")
    sys.exit(3)


def main() -> int:
    if len(sys.argv) != 2:
        sys.stderr.write("usage: python tokenize_ref.py TOKENIZER_JSON < corpus.jsonl\n")
        return 2
    tokenizer = Tokenizer.from_file(sys.argv[1])
    out = sys.stdout
    for line in sys.stdin.buffer.read().decode("utf-8").split("\n"):
        if not line:
            continue
        text = json.loads(line)
        out.write(json.dumps(tokenizer.encode(text, add_special_tokens=False).ids) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

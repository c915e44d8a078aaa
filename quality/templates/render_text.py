"""Writes DIR/text/<id>.txt from DIR/html/<id>.html as a naive scraper renders
a page: every block of text (hidden ones too), a blank line between blocks.

    python3 quality/templates/render_text.py quality/templates
"""
import os
import re
import sys
from html.parser import HTMLParser

BLOCK = {
    "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "section",
    "article", "header", "footer", "nav", "aside", "blockquote", "pre", "ul", "ol", "table",
    "form", "dd", "dt", "figcaption", "figure", "main", "br", "hr", "title",
}
SKIP = {"script", "style", "noscript", "template", "svg", "head"}


class Render(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks, self.current, self.skipping = [], [], 0

    def flush(self):
        text = re.sub(r"\s+", " ", "".join(self.current)).strip()
        if text:
            self.blocks.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        self.skipping += tag in SKIP
        if tag in BLOCK:
            self.flush()

    def handle_endtag(self, tag):
        if tag in SKIP:
            self.skipping = max(0, self.skipping - 1)
        if tag in BLOCK:
            self.flush()

    def handle_data(self, data):
        if not self.skipping:
            self.current.append(data)


def main(folder):
    os.makedirs(f"{folder}/text", exist_ok=True)
    for name in sorted(os.listdir(f"{folder}/html")):
        if name.endswith(".html"):
            render = Render()
            render.feed(open(f"{folder}/html/{name}", errors="replace").read())
            render.flush()
            with open(f"{folder}/text/{name[:-5]}.txt", "w") as out:
                out.write("\n\n".join(render.blocks) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])

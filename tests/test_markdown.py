"""The Markdown subset of course data: parsed to a tree of plain data, never to HTML."""

from kaart_course._markdown import is_safe_href, parse_inline, plain_text


def test_subset_elements():
    tree = parse_inline("Un **gras**, *italique*, `code` et [lien](https://exemple.org).")
    assert [n["t"] for n in tree] == ["text", "strong", "text", "em", "text", "code", "text", "link", "text"]
    assert tree[7]["href"] == "https://exemple.org"
    assert plain_text(tree) == "Un gras, italique, code et lien."


def test_line_breaks_are_kept():
    assert {"t": "br"} in parse_inline("ligne 1\nligne 2")


def test_html_stays_text():
    tree = parse_inline('<script>alert(1)</script><img src=x onerror="alert(2)">')
    assert tree == [{"t": "text", "v": '<script>alert(1)</script><img src=x onerror="alert(2)">'}]


def test_unsafe_links_are_not_links():
    tree = parse_inline("[clic](javascript:alert(1)) [ok](https://a.fr) [data](data:text/html,x)")
    assert [n["href"] for n in tree if n["t"] == "link"] == ["https://a.fr"]
    assert not is_safe_href("javascript:alert(1)")
    assert not is_safe_href("//autre-site.org/x")
    assert is_safe_href("https://a.fr") and is_safe_href("mailto:x@y.fr") and is_safe_href("page.html")

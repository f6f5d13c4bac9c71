"""Line-aware YAML loading used by every data loader."""

import pytest

from kaart_course import _yaml


def test_lines_of_keys_and_items(tmp_path):
    path = tmp_path / "x.yml"
    path.write_text("# commentaire\na: 1\nliste:\n  - un\n  - {b: 2}\n", encoding="utf-8")
    data = _yaml.load(path)
    assert data.line_of("a") == 2 and data.line_of("liste") == 3
    assert data["liste"].item_lines == [4, 5]
    assert data["liste"][1].line == 5


def test_duplicate_key_is_an_error_with_its_line(tmp_path):
    path = tmp_path / "x.yml"
    path.write_text("a: 1\nb: 2\na: 3\n", encoding="utf-8")
    with pytest.raises(_yaml.YamlError, match=r"x\.yml:3: .*'a' en double"):
        _yaml.load(path)


def test_invalid_yaml_names_file_and_line(tmp_path):
    path = tmp_path / "x.yml"
    path.write_text('a: "non fermé\nb: 2\n', encoding="utf-8")
    with pytest.raises(_yaml.YamlError, match=r"x\.yml:\d+: YAML invalide"):
        _yaml.load(path)


def test_unreadable_file(tmp_path):
    path = tmp_path / "x.yml"
    path.write_bytes(b"\xff\xfe\x00a")
    with pytest.raises(_yaml.YamlError, match="illisible"):
        _yaml.load(path)

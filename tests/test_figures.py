"""What a figure tells the reader about its picture (page logic, without a build)."""

from __future__ import annotations

from PIL import Image as PILImage

from museum.catalogue.check import check_collection
from museum.render.html import Renderer
from museum.pages.plan import plan_site


def artifact_page(coll, rid: str, lang: str = "zh") -> str:
    cat, problems = check_collection(coll, coll.parent)
    assert not problems, problems
    site = plan_site(cat, "https://museum.example/")
    prefix = "" if lang == "zh" else f"{lang}/"
    spec = next(s for s in site.pages if s.url == f"{prefix}artifacts/{rid}/")
    return str(Renderer("https://museum.example/").body(spec))


def test_an_animated_gif_says_that_only_its_first_frame_is_shown(mini_copy):
    frames = [PILImage.new("RGB", (40, 30), colour) for colour in ((200, 0, 0), (0, 200, 0), (0, 0, 200))]
    frames[0].save(mini_copy / "media" / "moving.gif", save_all=True, append_images=frames[1:], duration=80)
    record = mini_copy / "artifacts" / "ceshi-kache.yaml"
    record.write_text(record.read_text(encoding="utf-8") + "images:\n  - src: ../media/moving.gif\n"
                      "    alt: 测试动图\n    credit: 测试插图，由本项目测试生成\n    license: CC0 1.0\n", encoding="utf-8")
    assert "动图，此处只显示第一帧" in artifact_page(mini_copy, "ceshi-kache")
    assert "only the first frame is shown" in artifact_page(mini_copy, "ceshi-kache", "en")


def test_a_still_picture_has_no_such_note(mini_copy):
    assert "第一帧" not in artifact_page(mini_copy, "ceshi-zhengqi-jiche")

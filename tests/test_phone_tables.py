"""The membership tables read on a phone: at 375 px every class is a card whose fields
all show with their labels, nothing scrolls sideways and nothing leaves the screen; at
1280 px the table is a table."""

import pytest
from quality.browsing import LOCALES, visit

pytestmark = pytest.mark.browser

PAGES = ["membership.html", "zh/membership.html", "certification.html",
         "zh/certification.html"]

LAYOUT = """() => {
  const article = document.querySelector('article');
  const table = article.querySelector('.membership-table table');
  const box = el => el.getBoundingClientRect();
  const inside = el => box(el).left >= 0 && box(el).right <= innerWidth;
  const cells = [...table.querySelectorAll('tbody td')];
  return {
    sideways: [...article.querySelectorAll('*')]
      .filter(el => el.scrollWidth > el.clientWidth + 1
                    && getComputedStyle(el).overflowX !== 'visible')
      .map(el => el.tagName + '.' + el.className),
    pageWidth: document.documentElement.scrollWidth,
    captionInside: inside(table.caption),
    namesInside: [...table.querySelectorAll('tbody th')].map(inside),
    rows: table.tBodies[0].rows.length,
    columns: table.tHead.rows[0].cells.length - 1,
    fields: cells.map(td => ({
      label: td.dataset.label,
      shown: getComputedStyle(td, '::before').content.replace(/^"|"$/g, ''),
      visible: box(td).height > 0 && inside(td),
    })),
    display: [getComputedStyle(table.querySelector('tbody tr')).display,
              getComputedStyle(table.querySelector('tbody th')).display,
              getComputedStyle(table.tHead).display],
    firstRowLefts: [...table.tBodies[0].rows[0].cells].map(cell => box(cell).left),
  };
}"""


@pytest.mark.parametrize("path", PAGES)
def test_on_a_phone_every_class_is_a_card_with_every_field_labelled(browser, base_url, path):
    lang = "zh" if path.startswith("zh/") else "en"
    with visit(browser, base_url + path, "mobile", locale=LOCALES[lang]) as record:
        layout = record.page.evaluate(LAYOUT)
    assert layout["sideways"] == [] and layout["pageWidth"] <= 375
    assert layout["captionInside"] and all(layout["namesInside"])
    assert layout["display"] == ["block", "block", "none"]
    assert len(layout["fields"]) == layout["rows"] * layout["columns"] > 0
    for field in layout["fields"]:
        assert field["label"] and field["shown"] == field["label"], field
        assert field["visible"], field


@pytest.mark.parametrize("path", PAGES)
def test_on_a_wide_screen_the_table_is_a_table(browser, base_url, path):
    with visit(browser, base_url + path, "desktop") as record:
        layout = record.page.evaluate(LAYOUT)
    assert layout["display"] == ["table-row", "table-cell", "table-header-group"]
    lefts = layout["firstRowLefts"]
    assert lefts == sorted(lefts) and len(set(lefts)) == len(lefts)  # side by side
    assert all(field["shown"] in ("none", "normal") for field in layout["fields"])

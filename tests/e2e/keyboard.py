"""Keyboard-only helpers for the browser tests: reach a control by pressing Tab, as a person
without a mouse does, and fail if it cannot be reached (or focus is not visible on it)."""

TAB_LIMIT = 150

_FOCUSED_MATCHES = "(sel) => !!document.activeElement && document.activeElement.matches(sel)"
_FOCUS_VISIBLE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return false;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow && style.boxShadow !== "none";
  const background = style.backgroundColor;
  return outline || shadow || el.matches(":focus-visible") && background !== "rgba(0, 0, 0, 0)";
}"""


def tab_to(page, selector: str, limit: int = TAB_LIMIT) -> None:
    """Press Tab until the focused element matches `selector`; its focus must be visible."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(_FOCUSED_MATCHES, selector):
            assert page.evaluate(_FOCUS_VISIBLE), f"{selector} has no visible focus indicator"
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key ({limit} presses)")

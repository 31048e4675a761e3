"""Searches of the parsed page that run often: plain walks of its elements.

BeautifulSoup's ``find_all`` and ``find`` pass every node through a general
filter (names, attributes, strings, limits) unless asked for one tag name or
for all tags; on a large saved page those filters cost more than parsing the
page.  These walks give the same elements, in the same (document) order.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from bs4 import Tag


def elements(root: Tag, names: Collection[str] | None = None) -> list[Tag]:
    """The elements inside *root* (not *root* itself), only those named in *names* if given."""
    if isinstance(names, str):
        names = (names,)
    if names is None:
        return [node for node in root.descendants if isinstance(node, Tag)]
    return [node for node in root.descendants if isinstance(node, Tag) and node.name in names]


def first(root: Tag, names: Collection[str], test: Callable[[Tag], bool] | None = None) -> Tag | None:
    """The first element inside *root* named in *names* (and passing *test*, if given), or None."""
    if isinstance(names, str):
        names = (names,)
    for node in root.descendants:
        if isinstance(node, Tag) and node.name in names and (test is None or test(node)):
            return node
    return None


def ancestor(node: Tag, names: Collection[str]) -> Tag | None:
    """The nearest element above *node* named in *names*, or None."""
    if isinstance(names, str):
        names = (names,)
    for parent in node.parents:
        if parent.name in names:
            return parent
    return None


def previous(node: Tag, names: Collection[str]) -> Tag | None:
    """The nearest element that opens before *node* (one around it too) named in *names*, or None."""
    if isinstance(names, str):
        names = (names,)
    for earlier in node.previous_elements:
        if isinstance(earlier, Tag) and earlier.name in names:
            return earlier
    return None


def children(node: Tag, names: Collection[str]) -> list[Tag]:
    """The elements right inside *node* named in *names*."""
    if isinstance(names, str):
        names = (names,)
    return [child for child in node.contents if isinstance(child, Tag) and child.name in names]

package html

import (
	"regexp"
	"strings"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/offprint/offprint/render"
)

// findNotes recognises footnotes written the common ways: a call is a
// link to "#id" inside <sup> (or marked role="doc-noteref", or with a
// footnote class), and the note is the element with that id when it is
// marked as one: role="doc-footnote"/"doc-endnote", an id like "fn1",
// "fn:1" or "footnote-2", or a place in a footnotes container (class
// "footnotes", role="doc-endnotes") — what Pandoc, Markdown processors and
// WordPress plugins write. Only notes that are called become Footnote
// blocks. Reference lists that are not marked as notes (Wikipedia's
// "cite_note" citations) stay numbered lists with their "[1]" calls in
// the text, as the site prints them.
func (c *converter) findNotes(root *xhtml.Node) {
	ids := map[string]*xhtml.Node{}
	var calls []*xhtml.Node
	walk(root, func(n *xhtml.Node) bool {
		if n.Type != xhtml.ElementNode {
			return true
		}
		if id := attr(n, "id"); id != "" {
			if _, dup := ids[id]; !dup {
				ids[id] = n
			}
		}
		if n.DataAtom == atom.A && strings.HasPrefix(attr(n, "href"), "#") && len(attr(n, "href")) > 1 && looksLikeCall(n) {
			calls = append(calls, n)
		}
		return true
	})
	for _, a := range calls {
		id := attr(a, "href")[1:]
		target, ok := ids[id]
		if !ok || !(isNoteBody(target) || !bracketed(a) && linksBack(target, a)) || isInside(a, target) {
			continue
		}
		c.noteRefs[a] = id
		c.noteIDs[id] = true
		if aid := attr(a, "id"); aid != "" {
			c.refAnchor[aid] = true
		}
		if p := a.Parent; p != nil && p.Type == xhtml.ElementNode && p.DataAtom == atom.Sup {
			if pid := attr(p, "id"); pid != "" {
				c.refAnchor[pid] = true
			}
		}
	}
}

func looksLikeCall(a *xhtml.Node) bool {
	if strings.EqualFold(attr(a, "role"), "doc-noteref") {
		return true
	}
	cl := strings.ToLower(attr(a, "class"))
	if strings.Contains(cl, "footnote") || strings.Contains(cl, "fnref") || strings.Contains(cl, "noteref") {
		return true
	}
	for p, i := a.Parent, 0; p != nil && i < 2; p, i = p.Parent, i+1 {
		if p.Type == xhtml.ElementNode && p.DataAtom == atom.Sup {
			return true
		}
	}
	return false
}

var noteID = regexp.MustCompile(`(?i)^(?:fn|footnote|endnote)[-_:.]?\d+$`)

func isNoteBody(n *xhtml.Node) bool {
	switch strings.ToLower(attr(n, "role")) {
	case "doc-footnote", "doc-endnote":
		return true
	}
	if n.DataAtom != atom.Li && n.DataAtom != atom.Aside && n.DataAtom != atom.Div && n.DataAtom != atom.P {
		return false
	}
	if n.DataAtom == atom.Li && (n.Parent == nil || n.Parent.DataAtom != atom.Ol) {
		return false
	}
	if noteID.MatchString(attr(n, "id")) {
		return true
	}
	for p, i := n.Parent, 0; p != nil && i < 3; p, i = p.Parent, i+1 {
		if p.Type != xhtml.ElementNode {
			break
		}
		cl := strings.ToLower(attr(p, "class") + " " + attr(p, "id"))
		role := strings.ToLower(attr(p, "role"))
		if strings.Contains(cl, "footnote") || strings.Contains(cl, "endnote") || role == "doc-endnotes" || role == "doc-footnotes" {
			return true
		}
	}
	return false
}

// bracketed is a call written "[1]": a citation into a reference list,
// which stays where the page put it, not a note for the page's foot.
func bracketed(a *xhtml.Node) bool {
	t := strings.TrimSpace(textOf(a))
	return strings.HasPrefix(t, "[") && strings.HasSuffix(t, "]")
}

// linksBack reports whether target holds a link back to the call a (or
// to the <sup> around it). Call and note pointing at each other make a
// footnote whatever the page's classes say; extraction strips classes.
func linksBack(target, a *xhtml.Node) bool {
	back := map[string]bool{}
	if id := attr(a, "id"); id != "" {
		back["#"+id] = true
	}
	if p := a.Parent; p != nil && p.Type == xhtml.ElementNode && p.DataAtom == atom.Sup {
		if id := attr(p, "id"); id != "" {
			back["#"+id] = true
		}
	}
	if len(back) == 0 || target.DataAtom == atom.Li && (target.Parent == nil || target.Parent.DataAtom != atom.Ol) {
		return false
	}
	found := false
	walk(target, func(n *xhtml.Node) bool {
		if n.Type == xhtml.ElementNode && n.DataAtom == atom.A && back[attr(n, "href")] {
			found = true
		}
		return !found
	})
	return found
}

// noteBody reads a note without its way back to the call ("↩").
func (c *converter) noteBody(n *xhtml.Node) []render.Block {
	c.inNote++
	defer func() { c.inNote-- }()
	return c.flowBlocks(n)
}

// isBacklink is a link from a note back to its call: it has no place in
// print.
func (c *converter) isBacklink(a *xhtml.Node) bool {
	if strings.EqualFold(attr(a, "role"), "doc-backlink") {
		return true
	}
	href := attr(a, "href")
	if !strings.HasPrefix(href, "#") {
		return false
	}
	cl := strings.ToLower(attr(a, "class"))
	for _, k := range []string{"backref", "backlink", "footnote-back", "footnote-return", "reversefootnote"} {
		if strings.Contains(cl, k) {
			return true
		}
	}
	if c.refAnchor[href[1:]] {
		return true
	}
	// In a note, a bare arrow pointing into the page is the way back,
	// whatever its class says.
	return c.inNote > 0 && strings.Trim(textOf(a), " \t\r\n\f↩↑⤴^\ufe0e\ufe0f") == "" && strings.TrimSpace(textOf(a)) != ""
}

func isInside(n, ancestor *xhtml.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p == ancestor {
			return true
		}
	}
	return false
}

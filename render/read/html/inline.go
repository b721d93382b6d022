package html

import (
	"net/url"
	"strings"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/offprint/offprint/render"
)

// inlineKids maps n's children as inline content. Images met on the way
// go to f.pending, to follow the paragraph they stand in.
func (c *converter) inlineKids(n *xhtml.Node, f *flow) []render.Inline {
	var out []render.Inline
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		out = append(out, c.inlineNode(ch, f)...)
	}
	return out
}

func (c *converter) inlineNode(n *xhtml.Node, f *flow) []render.Inline {
	switch n.Type {
	case xhtml.TextNode:
		return []render.Inline{&render.Text{Text: n.Data}}
	case xhtml.ElementNode:
		if c.skip(n) {
			return nil
		}
		return c.inline(n, f)
	}
	return nil
}

// inline maps one element inside running text. <cite> is read plain:
// sites use it for whole citations and bylines as often as for titles.
func (c *converter) inline(n *xhtml.Node, f *flow) []render.Inline {
	switch n.DataAtom {
	case atom.Br:
		return []render.Inline{&render.LineBreak{}}
	case atom.Wbr:
		return nil
	case atom.Img, atom.Picture:
		if img := c.image(n); img != nil {
			f.pending = append(f.pending, img)
		}
		return nil
	case atom.Em, atom.I, atom.Dfn, atom.Var:
		if kids := c.inlineKids(n, f); len(kids) > 0 {
			return []render.Inline{&render.Emphasis{Children: kids}}
		}
		return nil
	case atom.Strong, atom.B:
		if kids := c.inlineKids(n, f); len(kids) > 0 {
			return []render.Inline{&render.Strong{Children: kids}}
		}
		return nil
	case atom.S, atom.Del, atom.Strike:
		if kids := c.inlineKids(n, f); len(kids) > 0 {
			return []render.Inline{&render.Strike{Children: kids}}
		}
		return nil
	case atom.Code, atom.Kbd, atom.Samp, atom.Tt:
		if s := c.plainText(n); s != "" {
			return []render.Inline{&render.Code{Text: s}}
		}
		return nil
	case atom.A:
		return c.link(n, f)
	case atom.Sup:
		return c.sup(n, f)
	case atom.Pre:
		// A code block inside running text (a heading, a table cell)
		// keeps its words as code.
		if s := c.plainText(n); s != "" {
			return []render.Inline{&render.Code{Text: s}}
		}
		return nil
	}
	kids := c.inlineKids(n, f)
	if blockTags[n.DataAtom] && len(kids) > 0 {
		// A block inside running text (a heading, a cell, a caption)
		// still separates words.
		kids = append(append([]render.Inline{&render.Text{Text: " "}}, kids...), &render.Text{Text: " "})
	}
	return kids
}

// plainText is n's text with whitespace collapsed, for code spans.
func (c *converter) plainText(n *xhtml.Node) string {
	var b strings.Builder
	walk(n, func(d *xhtml.Node) bool {
		switch d.Type {
		case xhtml.TextNode:
			b.WriteString(d.Data)
		case xhtml.ElementNode:
			if d != n && c.skip(d) {
				return false
			}
			if d.DataAtom == atom.Br {
				b.WriteByte(' ')
			}
		}
		return true
	})
	s := b.String()
	if strings.TrimFunc(s, isHTMLSpace) == "" {
		return ""
	}
	// Keep one space at either edge: it separates the code from the words
	// around it, and normalize folds it with theirs.
	lead := strings.IndexFunc(s, func(r rune) bool { return !isHTMLSpace(r) }) > 0
	trail := strings.LastIndexFunc(s, func(r rune) bool { return !isHTMLSpace(r) }) < len(s)-1
	out := collapse(s)
	if lead {
		out = " " + out
	}
	if trail {
		out += " "
	}
	return out
}

// link keeps a link where a reader of the PDF or EPUB can follow it:
// http, https and mailto, and "#" targets inside the document. Anything
// else (javascript:, data:, a relative link with no page address to
// resolve it against) keeps its words only.
func (c *converter) link(n *xhtml.Node, f *flow) []render.Inline {
	if id, ok := c.noteRefs[n]; ok {
		return []render.Inline{&render.NoteRef{ID: id}}
	}
	if c.isBacklink(n) {
		return nil
	}
	kids := c.inlineKids(n, f)
	if len(kids) == 0 {
		return nil
	}
	if href := c.linkTarget(attr(n, "href")); href != "" {
		return []render.Inline{&render.Link{URL: href, Children: kids}}
	}
	return kids
}

func (c *converter) linkTarget(href string) string {
	href = strings.TrimSpace(href)
	if href == "" {
		return ""
	}
	if strings.HasPrefix(href, "#") {
		if len(href) > 1 {
			return href
		}
		return ""
	}
	u, err := url.Parse(href)
	if err != nil {
		return ""
	}
	if u.Scheme == "" && c.base != nil {
		u = c.base.ResolveReference(u)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" {
			return ""
		}
		return u.String()
	case "mailto":
		if u.Opaque == "" && u.Path == "" {
			return ""
		}
		return u.String()
	}
	return ""
}

// sup keeps superscripts as text, except a note call: "<sup><a
// href=#fn1>[1]</a></sup>" is the call alone, without its brackets.
func (c *converter) sup(n *xhtml.Node, f *flow) []render.Inline {
	kids := c.inlineKids(n, f)
	var refs []render.Inline
	for _, k := range kids {
		switch k := k.(type) {
		case *render.NoteRef:
			refs = append(refs, k)
		case *render.Text:
			if strings.Trim(k.Text, "[](), \t\r\n\f") != "" {
				return kids
			}
		default:
			return kids
		}
	}
	if len(refs) > 0 {
		return refs
	}
	return kids
}

// normalize collapses whitespace as a browser lays out text: runs of
// HTML whitespace become one space, none at the start or end of the
// paragraph or next to a line break. Empty runs and empty formatting are
// dropped. Other characters (no-break spaces included) are kept exactly.
func normalize(runs []render.Inline) []render.Inline {
	st := &spaceState{atStart: true}
	out := st.runs(runs)
	st.trimTrailing()
	out = prune(out)
	// Line breaks at the edges of a paragraph show as nothing.
	for len(out) > 0 {
		if _, ok := out[0].(*render.LineBreak); !ok {
			break
		}
		out = out[1:]
	}
	for len(out) > 0 {
		if _, ok := out[len(out)-1].(*render.LineBreak); !ok {
			break
		}
		out = out[:len(out)-1]
	}
	return out
}

type spaceState struct {
	atStart bool    // nothing but spaces emitted since the start or a line break
	space   bool    // the last character emitted was a collapsed space
	last    *string // the last text emitted, to trim its end before a break
}

func (st *spaceState) runs(runs []render.Inline) []render.Inline {
	for _, r := range runs {
		switch r := r.(type) {
		case *render.Text:
			st.text(&r.Text)
		case *render.Code:
			st.text(&r.Text)
		case *render.Emphasis:
			r.Children = st.runs(r.Children)
		case *render.Strong:
			r.Children = st.runs(r.Children)
		case *render.Strike:
			r.Children = st.runs(r.Children)
		case *render.Link:
			r.Children = st.runs(r.Children)
		case *render.LineBreak:
			st.trimTrailing()
			st.atStart, st.space, st.last = true, false, nil
		}
	}
	return runs
}

func (st *spaceState) text(p *string) {
	var b strings.Builder
	for _, r := range *p {
		if isHTMLSpace(r) {
			if st.atStart || st.space {
				continue
			}
			b.WriteByte(' ')
			st.space = true
			continue
		}
		b.WriteRune(r)
		st.atStart, st.space = false, false
	}
	*p = b.String()
	if *p != "" {
		st.last = p
	}
}

func (st *spaceState) trimTrailing() {
	if st.last != nil && st.space {
		*st.last = strings.TrimSuffix(*st.last, " ")
	}
	st.space = false
}

// prune drops empty text and formatting that holds nothing, and joins
// neighbouring texts.
func prune(runs []render.Inline) []render.Inline {
	out := runs[:0]
	for _, r := range runs {
		switch r := r.(type) {
		case *render.Text:
			if r.Text == "" {
				continue
			}
			if len(out) > 0 {
				if prev, ok := out[len(out)-1].(*render.Text); ok {
					prev.Text += r.Text
					continue
				}
			}
		case *render.Code:
			if strings.TrimSpace(r.Text) == "" {
				if r.Text != "" {
					out = append(out, &render.Text{Text: r.Text})
				}
				continue
			}
		case *render.Emphasis:
			if r.Children = prune(r.Children); len(r.Children) == 0 {
				continue
			}
		case *render.Strong:
			if r.Children = prune(r.Children); len(r.Children) == 0 {
				continue
			}
		case *render.Strike:
			if r.Children = prune(r.Children); len(r.Children) == 0 {
				continue
			}
		case *render.Link:
			if r.Children = prune(r.Children); len(r.Children) == 0 {
				continue
			}
		}
		out = append(out, r)
	}
	return out
}

// splitParagraphs cuts normalized runs at blank lines (two line breaks in
// a row at the top level: "text<br><br>text" is two paragraphs to a
// reader) and drops runs with no words.
func splitParagraphs(runs []render.Inline) [][]render.Inline {
	var out [][]render.Inline
	start := 0
	emit := func(part []render.Inline) {
		part = trimBreaks(part)
		if hasWords(part) {
			out = append(out, part)
		}
	}
	for i := 0; i+1 < len(runs); i++ {
		_, a := runs[i].(*render.LineBreak)
		_, b := runs[i+1].(*render.LineBreak)
		if a && b {
			emit(runs[start:i])
			for i < len(runs) {
				if _, ok := runs[i].(*render.LineBreak); !ok {
					break
				}
				i++
			}
			start = i
		}
	}
	if start < len(runs) {
		emit(runs[start:])
	}
	return out
}

func trimBreaks(runs []render.Inline) []render.Inline {
	for len(runs) > 0 {
		if _, ok := runs[0].(*render.LineBreak); !ok {
			break
		}
		runs = runs[1:]
	}
	for len(runs) > 0 {
		if _, ok := runs[len(runs)-1].(*render.LineBreak); !ok {
			break
		}
		runs = runs[:len(runs)-1]
	}
	if len(runs) > 0 {
		if t, ok := runs[0].(*render.Text); ok {
			t.Text = strings.TrimLeft(t.Text, " ")
		}
		if t, ok := runs[len(runs)-1].(*render.Text); ok {
			t.Text = strings.TrimRight(t.Text, " ")
		}
	}
	return runs
}

// hasWords reports whether runs hold anything a reader sees: a letter
// that is not a space (a paragraph of no-break spaces is a spacer), or a
// note call.
func hasWords(runs []render.Inline) bool {
	for _, r := range runs {
		switch r := r.(type) {
		case *render.Text:
			if strings.TrimSpace(r.Text) != "" {
				return true
			}
		case *render.Code:
			if strings.TrimSpace(r.Text) != "" {
				return true
			}
		case *render.NoteRef:
			return true
		case *render.Emphasis:
			if hasWords(r.Children) {
				return true
			}
		case *render.Strong:
			if hasWords(r.Children) {
				return true
			}
		case *render.Strike:
			if hasWords(r.Children) {
				return true
			}
		case *render.Link:
			if hasWords(r.Children) {
				return true
			}
		}
	}
	return false
}

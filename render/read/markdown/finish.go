package markdown

import (
	"strings"

	"github.com/offprint/offprint/render"
)

// attributionDashes open the line that names a quotation's source, the
// way Markdown authors write it: "— Name" (also "―", "–", "--").
var attributionDashes = []string{"—", "―", "– ", "-- "}

// attribution finds a quote's source line: a last paragraph of its own
// that opens with a dash, or the last line of the last paragraph when it
// does. The dash is dropped: renderers set their own.
func attribution(blocks []render.Block) ([]render.Block, []render.Inline) {
	k := len(blocks)
	if k == 0 {
		return blocks, nil
	}
	p, ok := blocks[k-1].(*render.Paragraph)
	if !ok {
		return blocks, nil
	}
	if k > 1 {
		if rest, ok := undash(p.Text); ok {
			return blocks[:k-1], rest
		}
	}
	// The last line after a line break inside the paragraph. Only breaks
	// at the top level count: a break inside emphasis is the author's.
	for i := len(p.Text) - 1; i >= 0; i-- {
		switch r := p.Text[i].(type) {
		case *render.LineBreak:
			if tail, ok := undash(p.Text[i+1:]); ok && i > 0 {
				head := append([]render.Inline{}, p.Text[:i]...)
				return append(blocks[:k-1:k-1], &render.Paragraph{Text: head}), tail
			}
			return blocks, nil
		case *render.Text:
			j := strings.LastIndexByte(r.Text, '\n')
			if j < 0 {
				continue
			}
			tail := append([]render.Inline{&render.Text{Text: r.Text[j+1:]}}, p.Text[i+1:]...)
			if tail, ok := undash(tail); ok && (j > 0 || i > 0) {
				head := append(append([]render.Inline{}, p.Text[:i]...), &render.Text{Text: r.Text[:j]})
				if r.Text[:j] == "" {
					head = head[:len(head)-1]
				}
				return append(blocks[:k-1:k-1], &render.Paragraph{Text: head}), tail
			}
			return blocks, nil
		}
	}
	return blocks, nil
}

// undash reports whether runs open with an attribution dash, and returns
// them without it.
func undash(runs []render.Inline) ([]render.Inline, bool) {
	if len(runs) == 0 {
		return nil, false
	}
	t, ok := runs[0].(*render.Text)
	if !ok {
		return nil, false
	}
	s := strings.TrimLeft(t.Text, " \t")
	for _, d := range attributionDashes {
		if rest, ok := strings.CutPrefix(s, d); ok {
			rest = strings.TrimLeft(rest, " \t\u00a0")
			out := append([]render.Inline{}, runs[1:]...)
			if rest != "" {
				out = append([]render.Inline{&render.Text{Text: rest}}, out...)
			}
			if strings.TrimSpace(render.Plain(out)) == "" {
				return nil, false
			}
			return out, true
		}
	}
	return nil, false
}

// spaces turns the soft line breaks kept as "\n" in Text runs into the
// spaces they are, everywhere in the tree.
func spaces(blocks []render.Block) {
	for _, b := range blocks {
		switch b := b.(type) {
		case *render.Paragraph:
			spaceRuns(b.Text)
		case *render.Heading:
			spaceRuns(b.Text)
		case *render.Quote:
			spaces(b.Blocks)
			spaceRuns(b.Attribution)
		case *render.List:
			for _, it := range b.Items {
				spaces(it)
			}
		case *render.Image:
			spaceRuns(b.Caption)
		case *render.Table:
			for _, r := range b.Rows {
				for _, c := range r.Cells {
					spaceRuns(c)
				}
			}
		case *render.Footnote:
			spaces(b.Blocks)
		}
	}
}

func spaceRuns(runs []render.Inline) {
	for _, r := range runs {
		switch r := r.(type) {
		case *render.Text:
			r.Text = strings.ReplaceAll(r.Text, "\n", " ")
		case *render.Emphasis:
			spaceRuns(r.Children)
		case *render.Strong:
			spaceRuns(r.Children)
		case *render.Strike:
			spaceRuns(r.Children)
		case *render.Link:
			spaceRuns(r.Children)
		}
	}
}

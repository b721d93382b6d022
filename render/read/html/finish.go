package html

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/offprint/offprint/render"
)

// takeTitle lifts the article's first block into the title when it is
// the one heading of the highest rank in the article (a page with no
// <title> and no metadata still names itself that way). A heading with
// siblings of its rank is a section's, not the article's.
func takeTitle(blocks []render.Block) (string, []render.Block) {
	top, count := topLevel(blocks), 0
	eachHeading(blocks, func(h *render.Heading) {
		if h.Level == top {
			count++
		}
	})
	if count != 1 {
		return "", blocks
	}
	for i, b := range blocks {
		switch b := b.(type) {
		case *render.Image, *render.Rule:
			continue
		case *render.Heading:
			if b.Level == top {
				rest := append(append([]render.Block{}, blocks[:i]...), blocks[i+1:]...)
				return render.Plain(b.Text), rest
			}
		}
		break
	}
	return "", blocks
}

// dropTitleHeading removes the heading that repeats the title near the
// top of the article (an h1 or h2, or whatever the article's top heading
// is): the title lives in Meta and must not be printed twice. A page read
// whole may have some chrome before it, hence the few blocks of leeway.
func dropTitleHeading(blocks []render.Block, title string) []render.Block {
	want := titleKey(title)
	if want == "" {
		return blocks
	}
	top := topLevel(blocks)
	for i, b := range blocks {
		if i >= 10 {
			break
		}
		if h, ok := b.(*render.Heading); ok && (h.Level <= 2 || h.Level == top) && titleKey(render.Plain(h.Text)) == want {
			return append(append([]render.Block{}, blocks[:i]...), blocks[i+1:]...)
		}
	}
	return blocks
}

// dropBylineLine removes a short paragraph near the top that only
// repeats the byline ("By Jane Roe"): the masthead prints it.
//
// "By Jane Roe, 3 May 2024" goes too when the document has its date: the
// masthead prints both. Without a date, the line is the only place the
// date is and it stays.
func dropBylineLine(blocks []render.Block, authors string, hasDate bool) []render.Block {
	want := titleKey(authors)
	if want == "" {
		return blocks
	}
	for i, b := range blocks {
		if i >= 4 {
			break
		}
		p, ok := b.(*render.Paragraph)
		if !ok {
			continue
		}
		text := render.Plain(p.Text)
		if len(strings.Fields(text)) > 12 {
			break
		}
		key := titleKey(byPrefix.ReplaceAllString(strings.TrimSpace(text), ""))
		if key == want || hasDate && strings.HasPrefix(key, want) && datedTail.MatchString(key[len(want):]) {
			return append(append([]render.Block{}, blocks[:i]...), blocks[i+1:]...)
		}
	}
	return blocks
}

// datedTail is what may follow the names in a byline line, as titleKey
// leaves it: a date with its year ("3september2024", "updated20240903").
var datedTail = regexp.MustCompile(`^(?:on|updated|published)?[a-z]{0,12}\d{1,2}[a-z]{0,12}(?:19|20)\d\d(?:\d{4})?$|^(?:on|updated|published)?(?:19|20)\d\d\d{2,4}$`)

// titleKey compares titles by their letters and digits only.
func titleKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// shiftHeadings moves every heading up so that the article's highest is
// level 1: a page's h2 sections (its h1 being the title) read as the
// article's first level.
func shiftHeadings(blocks []render.Block) {
	top := topLevel(blocks)
	if top <= 1 {
		return
	}
	eachHeading(blocks, func(h *render.Heading) { h.Level -= top - 1 })
}

func topLevel(blocks []render.Block) int {
	top := 0
	eachHeading(blocks, func(h *render.Heading) {
		if top == 0 || h.Level < top {
			top = h.Level
		}
	})
	return top
}

func eachHeading(blocks []render.Block, fn func(*render.Heading)) {
	for _, b := range blocks {
		switch b := b.(type) {
		case *render.Heading:
			fn(b)
		case *render.Quote:
			eachHeading(b.Blocks, fn)
		case *render.List:
			for _, it := range b.Items {
				eachHeading(it, fn)
			}
		case *render.Footnote:
			eachHeading(b.Blocks, fn)
		}
	}
}

// sampleText gathers the article's prose for language detection.
func sampleText(blocks []render.Block) string {
	var b strings.Builder
	var walkBlocks func([]render.Block)
	walkBlocks = func(bs []render.Block) {
		for _, bl := range bs {
			if b.Len() > 4000 {
				return
			}
			switch bl := bl.(type) {
			case *render.Paragraph:
				b.WriteString(render.Plain(bl.Text) + "\n")
			case *render.Heading:
				b.WriteString(render.Plain(bl.Text) + "\n")
			case *render.Quote:
				walkBlocks(bl.Blocks)
			case *render.List:
				for _, it := range bl.Items {
					walkBlocks(it)
				}
			}
		}
	}
	walkBlocks(blocks)
	return b.String()
}

// fixAnchors keeps in-page links only where they land: a heading or a
// note of the document (the model has no other anchors). A link to
// anything else keeps its words. Repeated ids are kept on their first
// holder only, so every anchor names one place.
func fixAnchors(blocks []render.Block) {
	ids := map[string]bool{}
	var collect func([]render.Block)
	collect = func(bs []render.Block) {
		for _, b := range bs {
			switch b := b.(type) {
			case *render.Heading:
				if b.ID != "" {
					if ids[b.ID] || strings.ContainsAny(b.ID, " \t\r\n\f") {
						b.ID = ""
					} else {
						ids[b.ID] = true
					}
				}
			case *render.Footnote:
				ids[b.ID] = true
				collect(b.Blocks)
			case *render.Quote:
				collect(b.Blocks)
			case *render.List:
				for _, it := range b.Items {
					collect(it)
				}
			}
		}
	}
	collect(blocks)
	var fix func([]render.Inline) []render.Inline
	fix = func(rs []render.Inline) []render.Inline {
		var out []render.Inline
		for _, r := range rs {
			switch r := r.(type) {
			case *render.Link:
				r.Children = fix(r.Children)
				if strings.HasPrefix(r.URL, "#") && !ids[r.URL[1:]] {
					out = append(out, r.Children...)
					continue
				}
			case *render.Emphasis:
				r.Children = fix(r.Children)
			case *render.Strong:
				r.Children = fix(r.Children)
			case *render.Strike:
				r.Children = fix(r.Children)
			}
			out = append(out, r)
		}
		return prune(out)
	}
	var walkBlocks func([]render.Block)
	walkBlocks = func(bs []render.Block) {
		for _, b := range bs {
			switch b := b.(type) {
			case *render.Paragraph:
				b.Text = fix(b.Text)
			case *render.Heading:
				b.Text = fix(b.Text)
			case *render.Quote:
				walkBlocks(b.Blocks)
				b.Attribution = fix(b.Attribution)
			case *render.List:
				for _, it := range b.Items {
					walkBlocks(it)
				}
			case *render.Image:
				b.Caption = fix(b.Caption)
			case *render.Table:
				for i := range b.Rows {
					for j := range b.Rows[i].Cells {
						b.Rows[i].Cells[j] = fix(b.Rows[i].Cells[j])
					}
				}
			case *render.Footnote:
				walkBlocks(b.Blocks)
			}
		}
	}
	walkBlocks(blocks)
}

// takeClosingBio moves the article's last paragraph into its author's
// bio when it is one: it starts with the author's full name followed by
// a lower-case word ("Jane Roe covers science for…") and is short. The
// masthead's "About the author" then prints it once, where a reader looks
// for it. Only for a single author without a bio: with several, whose
// bio it is would be a guess.
func takeClosingBio(doc *render.Document) {
	if len(doc.Authors) != 1 || strings.TrimSpace(doc.Authors[0].Bio) != "" {
		return
	}
	name := strings.TrimSpace(doc.Authors[0].Name)
	last := len(doc.Blocks) - 1
	for last >= 0 {
		if _, note := doc.Blocks[last].(*render.Footnote); !note {
			break
		}
		last--
	}
	if last < 1 || name == "" {
		return
	}
	p, ok := doc.Blocks[last].(*render.Paragraph)
	if !ok {
		return
	}
	text := strings.Join(strings.Fields(render.Plain(p.Text)), " ")
	rest, ok := strings.CutPrefix(text, name+" ")
	if !ok || len(strings.Fields(text)) > 90 {
		return
	}
	if r := []rune(rest); len(r) == 0 || !unicode.IsLower(r[0]) {
		return
	}
	doc.Authors[0].Bio = text
	doc.Blocks = append(append([]render.Block{}, doc.Blocks[:last]...), doc.Blocks[last+1:]...)
}

package printlayout

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/offprint/offprint/render"
)

// maxUnshaped is the share of an article's letters that may need shaping
// before its PDF is refused. A quoted name in Hebrew is a placeholder and
// a warning; an article in Arabic would be a page of placeholders.
const maxUnshaped = 0.1

// Unshaped says why doc cannot be set in print: an error naming the
// script when a right-to-left document, or more than a tenth of its
// letters, is in a script the PDF cannot shape. nil when it can be set.
func Unshaped(doc *render.Document) error {
	var letters, unshaped int
	var seen []rune
	count := func(s string) {
		for _, r := range s {
			if !unicode.IsLetter(r) {
				continue
			}
			letters++
			if needsShaping(r) {
				unshaped++
				if len(seen) < 64 {
					seen = append(seen, r)
				}
			}
		}
	}
	count(doc.Meta.Title)
	eachText(doc.Blocks, count)
	if unshaped == 0 || letters == 0 {
		return nil
	}
	if strings.EqualFold(doc.Meta.Dir, "rtl") || float64(unshaped) > maxUnshaped*float64(letters) {
		return fmt.Errorf("the article is in %s, which the PDF cannot set yet (its letters would be neither joined nor set right to left); export it with --epub or --html, which have it whole", shapingScripts(seen))
	}
	return nil
}

// eachText calls f with the text of every block, nested ones too.
func eachText(blocks []render.Block, f func(string)) {
	for _, b := range blocks {
		switch b := b.(type) {
		case *render.Heading:
			f(render.Plain(b.Text))
		case *render.Paragraph:
			f(render.Plain(b.Text))
		case *render.Quote:
			eachText(b.Blocks, f)
			f(render.Plain(b.Attribution))
		case *render.List:
			for _, it := range b.Items {
				eachText(it, f)
			}
		case *render.Image:
			f(render.Plain(b.Caption))
		case *render.CodeBlock:
			f(b.Text)
		case *render.Table:
			for _, row := range b.Rows {
				for _, c := range row.Cells {
					f(render.Plain(c))
				}
			}
		case *render.Footnote:
			eachText(b.Blocks, f)
		}
	}
}

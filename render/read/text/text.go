// Package text reads plain text scraped from a web page (a print view, a
// copy-paste) into the document model. Scraped text carries the page's
// furniture with it: the title twice, a byline and a dateline, an author
// box at the end, image alt text run into the prose, stray CSS and
// script. The reader keeps every word of the article and recognises the
// furniture only by general rules, each of which must be sure of itself;
// when a rule is unsure the line stays in the body as prose.
package text

import (
	"errors"
	"strings"

	"github.com/offprint/offprint/render"
	"github.com/offprint/offprint/render/read"
)

func init() { read.Register(reader{}) }

type reader struct{}

func (reader) Name() string         { return "text" }
func (reader) Extensions() []string { return []string{".txt", ".text"} }

// Sniff answers low for any text: plain text is what every input is when
// no other reader recognises it.
func (reader) Sniff(s string) float64 {
	if strings.TrimSpace(s) == "" {
		return 0
	}
	return 0.1
}

func (reader) Read(s string, opt read.Options) (*render.Document, error) {
	doc := parse(s)
	if doc.Title == "" && len(doc.Blocks) == 0 {
		return nil, errors.New("no article text found")
	}
	doc.Lang = opt.Lang
	if opt.Warn != nil {
		for _, l := range droppedLines(s) {
			opt.Infof("dropped the line %q: page furniture (share links, adverts, CSS or script), not article", shorten(l))
		}
	}
	return doc, nil
}

// parse runs the steps in the order their evidence needs: junk goes first
// so it cannot be mistaken for prose, the layout (wrapped or one line per
// paragraph) is decided before anything reads blocks, and the masthead and
// author box are taken before lists and headings are looked for, so that
// "• Dr. Jane Doe" under "Author" is a name, not a list.
func parse(s string) *render.Document {
	lines := dropJunk(splitLines(s))
	blocks := splitBlocks(lines)
	lay := detectLayout(blocks)
	blocks = oneLinePerBlock(blocks, lay)
	head, blocks := takeHeader(blocks, lay)
	tail, blocks := takeAuthorSection(blocks)

	doc := &render.Document{}
	doc.Title = head.title
	doc.Date = head.date
	doc.Authors = mergeAuthors(head.authors, tail)
	doc.Blocks = buildBlocks(blocks, lay, head.title)
	return doc
}

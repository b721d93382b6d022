// Package html reads HTML into the document model: a fragment as it is, a
// whole web page through Readability (codeberg.org/readeck/go-readability)
// to keep the article and drop the page around it. Importing it registers
// the "html" reader.
//
// Choices a user can notice:
//   - Headings are shifted so that the article's highest heading is level
//     1 (the title lives in Meta, never in the blocks).
//   - Whitespace collapses as a browser collapses it (kept inside <pre>);
//     a no-break space (U+00A0) is kept as it is.
//   - An image inside a paragraph becomes a block right after that
//     paragraph: the model has no inline images.
//   - Links survive only to http, https, mailto and "#" targets in the
//     document; any other link keeps its words and loses the link.
package html

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"

	readability "codeberg.org/readeck/go-readability/v2"
	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/offprint/offprint/render"
	"github.com/offprint/offprint/render/read"
	"github.com/offprint/offprint/render/read/lang"
)

func init() { read.Register(reader{}) }

type reader struct{}

func (reader) Name() string { return "html" }

func (reader) Extensions() []string { return []string{".html", ".htm", ".xhtml"} }

var (
	// What may stand before the first tag of an HTML document.
	leadingJunk = regexp.MustCompile(`\A(?:\s|\x{FEFF}|<!--(?s:.*?)-->|<\?xml[^>]*\?>)*`)
	pageStart   = regexp.MustCompile(`(?i)\A<(?:!doctype\s+html|html[\s>])`)
	structure   = regexp.MustCompile(`(?i)<(?:body|p|div)[\s>]`)
)

// Sniff is sure of a document that opens like HTML, and fairly sure of
// text with <body>, <p> or <div> in it that starts with a tag; plain text
// or Markdown that merely mentions a tag scores nothing.
func (reader) Sniff(text string) float64 {
	head := text
	if len(head) > 1<<16 {
		head = head[:1<<16]
	}
	rest := head[len(leadingJunk.FindString(head)):]
	if pageStart.MatchString(rest) {
		return 0.9
	}
	if strings.HasPrefix(rest, "<") && structure.MatchString(head) {
		return 0.9
	}
	return 0
}

// Read parses text; see the package comment for what becomes of it.
func (reader) Read(text string, opt read.Options) (*render.Document, error) {
	root, err := xhtml.Parse(strings.NewReader(text))
	if err != nil {
		// x/net/html refuses a tree deeper than 512 elements. Such a
		// page is read again with its deepest tags ignored: their text
		// is kept.
		root, err = xhtml.Parse(strings.NewReader(flatten(text, flattenDepth)))
		if err != nil {
			return nil, fmt.Errorf("the HTML could not be parsed: %v", err)
		}
		opt.Warnf("model", "the HTML nests elements deeper than the parser allows: tags below depth %d ignored, their text kept", flattenDepth)
	}
	page := collectMeta(root)
	base := page.baseURL()
	whole := isWholePage(text)

	// A whole page always goes through Readability: its title, byline
	// and dates are wanted even when its choice of article is not
	// (--no-extract, or an extraction too thin to trust).
	var (
		art     *readability.Article
		content *xhtml.Node
		body    = findBody(root)
	)
	if whole {
		keepQuoteFooters(root)
		art, content = extract(root, body, opt)
	}
	extracted := content != nil
	if !extracted {
		content = body
	}
	retag(content)
	c := newConverter(opt, base, !extracted && whole)
	c.findNotes(content)
	doc := &render.Document{}
	doc.Blocks = c.flowBlocks(content)
	doc.Meta = page.meta(art)
	if doc.Title == "" {
		// A page without a title names itself with its first heading,
		// when no text stands before it.
		doc.Title, doc.Blocks = takeTitle(doc.Blocks)
	}
	doc.Blocks = dropTitleHeading(doc.Blocks, doc.Title)
	doc.Blocks = dropBylineLine(doc.Blocks, doc.AuthorNames(), doc.Date != "")
	takeClosingBio(doc)
	shiftHeadings(doc.Blocks)
	fixAnchors(doc.Blocks)

	if doc.Lang == "" && opt.Lang == "" {
		if tag, ok := lang.Detect(sampleText(doc.Blocks)); ok {
			doc.Lang = tag
		}
	}
	effective := doc.Lang
	if effective == "" {
		effective = opt.Lang
	}
	if doc.Dir == "" && rtlLang[primary(effective)] {
		doc.Dir = "rtl"
	}
	return doc, nil
}

const flattenDepth = 200

// voidTags never have an end tag, so they never deepen the tree.
var voidTags = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "param": true, "source": true, "track": true, "wbr": true}

// flatten drops every start tag that would open deeper than limit, and
// its end tag, keeping all text and everything else byte for byte. It
// counts nesting naively (no implied end tags, so it may drop more than
// needed); a limit well under the parser's leaves room for the elements
// the parser adds itself.
func flatten(text string, limit int) string {
	z := xhtml.NewTokenizer(strings.NewReader(text))
	var out strings.Builder
	var open []string
	skipped := map[string]int{}
	for {
		tt := z.Next()
		if tt == xhtml.ErrorToken {
			break
		}
		raw := z.Raw()
		switch tt {
		case xhtml.StartTagToken:
			name, _ := z.TagName()
			tag := string(name)
			if voidTags[tag] {
				break
			}
			if len(open) >= limit {
				skipped[tag]++
				continue
			}
			open = append(open, tag)
		case xhtml.EndTagToken:
			name, _ := z.TagName()
			tag := string(name)
			if skipped[tag] > 0 {
				skipped[tag]--
				continue
			}
			for i := len(open) - 1; i >= 0; i-- {
				if open[i] == tag {
					open = open[:i]
					break
				}
			}
		}
		out.Write(raw)
	}
	return out.String()
}

// retag sets every element's atom from its name: Readability renames
// elements (a div that holds only text becomes a p) by their name alone,
// and the converter switches on atoms.
func retag(root *xhtml.Node) {
	walk(root, func(n *xhtml.Node) bool {
		if n.Type == xhtml.ElementNode {
			n.DataAtom = atom.Lookup([]byte(n.Data))
		}
		return true
	})
}

// keepQuoteFooters renames a quote's closing <footer> (its attribution)
// to <cite>: Readability removes every footer as page chrome, and the
// quote would lose who said it.
func keepQuoteFooters(root *xhtml.Node) {
	walk(root, func(n *xhtml.Node) bool {
		if n.Type != xhtml.ElementNode || n.DataAtom != atom.Blockquote {
			return true
		}
		for ch := n.LastChild; ch != nil; ch = ch.PrevSibling {
			if ch.Type == xhtml.TextNode && strings.TrimSpace(ch.Data) == "" {
				continue
			}
			if ch.Type == xhtml.ElementNode && ch.DataAtom == atom.Footer {
				ch.Data, ch.DataAtom = "cite", atom.Cite
			}
			break
		}
		return true
	})
}

// isWholePage tells a web page from a fragment by its own tags: a page
// says <html>, <head> or <body> (the parser adds them to any fragment, so
// the tree cannot tell).
var pageTag = regexp.MustCompile(`(?i)<(?:html|head|body)[\s>/]|<!doctype\s+html`)

func isWholePage(text string) bool {
	return pageTag.MatchString(text)
}

func findBody(root *xhtml.Node) *xhtml.Node {
	var found *xhtml.Node
	walk(root, func(n *xhtml.Node) bool {
		if found != nil {
			return false
		}
		if n.Type == xhtml.ElementNode && (n.DataAtom == atom.Body || n.DataAtom == atom.Frameset) {
			found = n
			return false
		}
		return true
	})
	if found == nil {
		return root
	}
	return found
}

// extract runs Readability over the page. The article's node comes back
// only when it is to be used: not under --no-extract, and not when it is
// empty or holds only a sliver of the page's text (a warning says so;
// reading the whole body then loses nothing).
func extract(root *xhtml.Node, body *xhtml.Node, opt read.Options) (*readability.Article, *xhtml.Node) {
	if depth(root) > maxExtractDepth {
		opt.Warnf("extract", "the page nests elements more than %d deep: read whole, article not extracted", maxExtractDepth)
		return nil, nil
	}
	p := readability.NewParser()
	// No page address is given: Readability would make every relative
	// address absolute, and an image saved beside the page would no
	// longer be found there. The converter resolves addresses itself.
	a, err := p.ParseDocument(root, nil)
	if err != nil {
		opt.Warnf("extract", "the page could not be analysed (%v): read whole", err)
		return nil, nil
	}
	if opt.NoExtract {
		return &a, nil
	}
	if a.Node == nil {
		opt.Warnf("extract", "no article found in the page: read whole")
		return &a, nil
	}
	got, all := letters(textOf(a.Node)), letters(visibleText(body))
	if got < minArticle && got*10 < all {
		opt.Warnf("extract", "the article found holds %d of the page's %d characters: page read whole", got, all)
		return &a, nil
	}
	opt.Infof("article extracted: kept %d of the page's %d characters; navigation, comments and the like dropped (--no-extract keeps the whole page)", got, all)
	return &a, a.Node
}

// minArticle is the length (in letters) under which an extracted
// article is suspect: when it is also under a tenth of the page, the page
// is read whole rather than lose words.
const minArticle = 500

// letters counts what is not space: words mean little in scripts written
// without spaces.
func letters(s string) int {
	n := 0
	for _, r := range s {
		if !unicode.IsSpace(r) {
			n++
		}
	}
	return n
}

// maxExtractDepth bounds what Readability is given: its scoring walks
// ancestors for every paragraph, which grows with depth squared. Real
// pages stay far below it.
const maxExtractDepth = 400

func depth(root *xhtml.Node) int {
	deepest, d := 0, 0
	n := root
	for n != nil {
		if n.FirstChild != nil {
			n = n.FirstChild
			d++
			if d > deepest {
				deepest = d
			}
			continue
		}
		for n != root && n.NextSibling == nil {
			n = n.Parent
			d--
		}
		if n == root {
			break
		}
		n = n.NextSibling
	}
	return deepest
}

// textOf is all the text under n, as the DOM's textContent.
func textOf(n *xhtml.Node) string {
	var b strings.Builder
	walk(n, func(t *xhtml.Node) bool {
		if t.Type == xhtml.TextNode {
			b.WriteString(t.Data)
			b.WriteByte(' ')
		}
		return true
	})
	return b.String()
}

// visibleText is the text a reader of the page could see: no scripts,
// styles or hidden elements.
func visibleText(n *xhtml.Node) string {
	var b strings.Builder
	walk(n, func(t *xhtml.Node) bool {
		switch t.Type {
		case xhtml.ElementNode:
			return !dropped[t.DataAtom] && !hidden(t)
		case xhtml.TextNode:
			b.WriteString(t.Data)
			b.WriteByte(' ')
		}
		return true
	})
	return b.String()
}

// walk visits every node under root (root included) in document order,
// without recursion (a page may nest thousands deep); fn returns false to
// skip a node's children.
func walk(root *xhtml.Node, fn func(*xhtml.Node) bool) {
	n := root
	for n != nil {
		if fn(n) && n.FirstChild != nil {
			n = n.FirstChild
			continue
		}
		for n != root && n.NextSibling == nil {
			n = n.Parent
		}
		if n == root {
			return
		}
		n = n.NextSibling
	}
}

var rtlLang = map[string]bool{"ar": true, "he": true, "fa": true, "ur": true, "yi": true, "ps": true, "sd": true, "ug": true, "dv": true, "ckb": true}

func primary(tag string) string {
	p, _, _ := strings.Cut(strings.ToLower(tag), "-")
	return p
}

package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"

	"github.com/offprint/offprint/render"
	"github.com/offprint/offprint/render/read"
	"github.com/offprint/offprint/render/read/images"
)

// converter maps one goldmark tree onto the model.
type converter struct {
	src []byte
	opt read.Options
	// pending holds images lifted out of inline text; they are placed
	// right after the block being built, since the model has no inline
	// images.
	pending []render.Block
	slugs   map[string]int
	warned  map[string]bool
}

func newConverter(src []byte, opt read.Options) *converter {
	return &converter{src: src, opt: opt, slugs: map[string]int{}, warned: map[string]bool{}}
}

// warn reports each distinct message once per document: a page of raw
// HTML should not bury the other warnings.
func (c *converter) warn(code, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if !c.warned[code+msg] {
		c.warned[code+msg] = true
		c.opt.Warnf(code, "%s", msg)
	}
}

// blocks converts the block children of parent, each followed by the
// images its text held.
func (c *converter) blocks(parent ast.Node) []render.Block {
	var out []render.Block
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		out = append(out, c.block(n)...)
		out = append(out, c.pending...)
		c.pending = nil
	}
	return out
}

func (c *converter) block(n ast.Node) []render.Block {
	switch n := n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		if p := c.paragraph(n); p != nil {
			return []render.Block{p}
		}
		return nil
	case *ast.Heading:
		text := c.inlines(n)
		if len(text) == 0 {
			return nil
		}
		if len(c.pending) > 0 {
			c.warn("image", "image inside a heading moved after it")
		}
		return []render.Block{&render.Heading{Level: n.Level, ID: c.slug(render.Plain(text)), Text: text}}
	case *ast.ThematicBreak:
		return []render.Block{&render.Rule{}}
	case *ast.FencedCodeBlock:
		return []render.Block{&render.CodeBlock{Lang: string(n.Language(c.src)), Text: c.lines(n)}}
	case *ast.CodeBlock:
		return []render.Block{&render.CodeBlock{Text: c.lines(n)}}
	case *ast.Blockquote:
		q := &render.Quote{Blocks: c.blocks(n)}
		q.Blocks, q.Attribution = attribution(q.Blocks)
		return []render.Block{q}
	case *ast.List:
		l := &render.List{Ordered: n.IsOrdered()}
		if l.Ordered {
			l.Start = n.Start
			if n.Start == 0 {
				c.warn("model", "a list numbered from 0 is numbered from 1")
			}
		}
		for it := n.FirstChild(); it != nil; it = it.NextSibling() {
			l.Items = append(l.Items, c.blocks(it))
		}
		return []render.Block{l}
	case *ast.HTMLBlock:
		return c.htmlBlock(n)
	case *east.Table:
		return []render.Block{c.table(n)}
	case *east.FootnoteList:
		var out []render.Block
		for fn := n.FirstChild(); fn != nil; fn = fn.NextSibling() {
			if f, ok := fn.(*east.Footnote); ok {
				out = append(out, &render.Footnote{ID: noteID(f.Index, f.Ref), Blocks: c.blocks(f)})
			} else {
				out = append(out, c.block(fn)...)
			}
		}
		return out
	}
	return c.unknownBlock(n)
}

// unknownBlock keeps the text of a node the model has no place for.
func (c *converter) unknownBlock(n ast.Node) []render.Block {
	if n.Type() == ast.TypeInline {
		// goldmark puts an empty footnote's backlink straight among its
		// blocks; an inline node has no Lines (they panic), so it is
		// converted as the inline it is.
		if text := c.inline(nil, n); strings.TrimSpace(render.Plain(text)) != "" {
			return []render.Block{&render.Paragraph{Text: text}}
		}
		return nil
	}
	c.warn("model", "%s not supported, kept as text", n.Kind())
	if fc := n.FirstChild(); fc != nil {
		if fc.Type() == ast.TypeBlock {
			return c.blocks(n)
		}
		if p := c.paragraph(n); p != nil {
			return []render.Block{p}
		}
		return nil
	}
	if s := strings.TrimSpace(c.lines(n)); s != "" {
		return []render.Block{render.Para(s)}
	}
	return nil
}

// paragraph converts n's inline children. A paragraph that held nothing
// but images gives way to them; one whose images stood among words keeps
// its words and is followed by the images, with a warning.
func (c *converter) paragraph(n ast.Node) *render.Paragraph {
	before := len(c.pending)
	text := c.inlines(n)
	if strings.TrimSpace(render.Plain(text)) == "" && !hasNoteRef(text) {
		return nil
	}
	if len(c.pending) > before {
		c.warn("image", "image inside a paragraph's text moved after the paragraph")
	}
	return &render.Paragraph{Text: text}
}

func hasNoteRef(runs []render.Inline) bool {
	for _, r := range runs {
		if _, ok := r.(*render.NoteRef); ok {
			return true
		}
	}
	return false
}

// lines joins a block's raw lines (code, HTML), without the last newline.
func (c *converter) lines(n ast.Node) string {
	var b strings.Builder
	ls := n.Lines()
	for i := 0; i < ls.Len(); i++ {
		seg := ls.At(i)
		b.Write(seg.Value(c.src))
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func (c *converter) table(n *east.Table) *render.Table {
	t := &render.Table{}
	for r := n.FirstChild(); r != nil; r = r.NextSibling() {
		row := render.TableRow{Header: r.Kind() == east.KindTableHeader}
		for cell := r.FirstChild(); cell != nil; cell = cell.NextSibling() {
			row.Cells = append(row.Cells, c.inlines(cell))
		}
		t.Rows = append(t.Rows, row)
	}
	if len(c.pending) > 0 {
		c.warn("image", "image inside a table moved after the table")
	}
	return t
}

// inlines converts n's inline children. Soft line breaks come out as "\n"
// inside Text so that a quote's attribution line can still be found;
// spaces() turns them into the spaces they are once the tree is built.
func (c *converter) inlines(n ast.Node) []render.Inline {
	var out []render.Inline
	for k := n.FirstChild(); k != nil; k = k.NextSibling() {
		out = c.inline(out, k)
	}
	return out
}

func (c *converter) inline(out []render.Inline, n ast.Node) []render.Inline {
	switch n := n.(type) {
	case *ast.Text:
		v := n.Value(c.src)
		if n.IsRaw() {
			out = addText(out, string(v))
		} else {
			out = addText(out, unescape(v))
		}
		switch {
		case n.HardLineBreak():
			out = append(out, &render.LineBreak{})
		case n.SoftLineBreak():
			out = addText(out, "\n")
		}
		return out
	case *ast.String:
		if n.IsCode() || n.IsRaw() {
			return addText(out, string(n.Value))
		}
		return addText(out, unescape(n.Value))
	case *ast.CodeSpan:
		var b strings.Builder
		for k := n.FirstChild(); k != nil; k = k.NextSibling() {
			switch k := k.(type) {
			case *ast.Text:
				v := k.Value(c.src)
				if v, ok := bytes.CutSuffix(v, []byte("\n")); ok {
					b.Write(v)
					b.WriteByte(' ') // a line end inside a code span is a space
				} else {
					b.Write(v)
				}
			case *ast.String:
				b.Write(k.Value)
			}
		}
		return append(out, &render.Code{Text: b.String()})
	case *ast.Emphasis:
		kids := c.inlines(n)
		if len(kids) == 0 {
			return out
		}
		if n.Level >= 2 {
			return append(out, &render.Strong{Children: kids})
		}
		return append(out, &render.Emphasis{Children: kids})
	case *ast.Link:
		return c.link(out, string(util.URLEscape(n.Destination, true)), n)
	case *ast.AutoLink:
		url := string(n.URL(c.src))
		if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(url), "mailto:") {
			url = "mailto:" + url
		}
		label := []render.Inline{&render.Text{Text: string(n.Label(c.src))}}
		if !allowedURL(url) {
			c.warn("link", "link to %q kept as text", url)
			return append(out, label...)
		}
		return append(out, &render.Link{URL: url, Children: label})
	case *ast.Image:
		c.image(n)
		return out
	case *ast.RawHTML:
		var b strings.Builder
		for i := 0; i < n.Segments.Len(); i++ {
			seg := n.Segments.At(i)
			b.Write(seg.Value(c.src))
		}
		raw := b.String()
		switch {
		case lineBreakTag.MatchString(raw):
			return append(out, &render.LineBreak{})
		case strings.HasPrefix(raw, "<!--"):
			// A comment is invisible in every rendering: nothing is lost.
		default:
			c.warn("html", "raw HTML %s dropped", raw)
		}
		return out
	case *east.Strikethrough:
		if kids := c.inlines(n); len(kids) > 0 {
			return append(out, &render.Strike{Children: kids})
		}
		return out
	case *east.TaskCheckBox:
		if n.IsChecked {
			return addText(out, "☒ ")
		}
		return addText(out, "☐ ")
	case *east.FootnoteLink:
		return append(out, &render.NoteRef{ID: noteID(n.Index, nil)})
	case *east.FootnoteBacklink:
		// Navigation goldmark adds to a note's end; renderers place notes.
		return out
	}
	c.warn("model", "%s not supported, kept as text", n.Kind())
	if n.FirstChild() != nil {
		return append(out, c.inlines(n)...)
	}
	return out
}

var lineBreakTag = regexp.MustCompile(`(?i)^<br\s*/?>$`)

// link keeps links a reader can follow from a PDF or an EPUB; anything
// else (javascript:, data:, relative paths to files that are not shipped)
// keeps its words and loses the link.
func (c *converter) link(out []render.Inline, url string, n ast.Node) []render.Inline {
	before := len(c.pending)
	kids := c.inlines(n)
	if len(c.pending) > before {
		c.warn("model", "link around an image not supported, link to %q dropped", url)
	}
	if len(kids) == 0 {
		if len(c.pending) > before || url == "" {
			return out
		}
		kids = []render.Inline{&render.Text{Text: url}}
	}
	if !allowedURL(url) {
		c.warn("link", "link to %q kept as text", url)
		for _, k := range kids {
			if t, ok := k.(*render.Text); ok {
				out = addText(out, t.Text)
			} else {
				out = append(out, k)
			}
		}
		return out
	}
	return append(out, &render.Link{URL: url, Children: kids})
}

func allowedURL(url string) bool {
	u := strings.ToLower(strings.TrimSpace(url))
	for _, p := range []string{"http://", "https://", "mailto:", "#"} {
		if strings.HasPrefix(u, p) && len(u) > len(p) {
			return true
		}
	}
	return false
}

// image loads an image's bytes and queues it as a block. One that cannot
// be loaded is left out with a warning; its caption, if it had one, is
// kept as a paragraph so that no words are lost.
func (c *converter) image(n *ast.Image) {
	src := unescape(n.Destination)
	img := &render.Image{Src: src, Alt: strings.TrimSpace(c.plainText(n))}
	if title := strings.TrimSpace(unescape(n.Title)); title != "" {
		img.Caption = []render.Inline{&render.Text{Text: title}}
	}
	data, mime, w, h, err := images.Load(src, c.opt.ImageOptions())
	if err != nil {
		var ie *images.Error
		if errors.As(err, &ie) {
			c.warn("image", "%v", err) // already "SRC: WHY", with a long data: URI cut short
		} else {
			c.warn("image", "%s: %v", images.Short(src), err)
		}
		if img.Caption != nil {
			c.pending = append(c.pending, &render.Paragraph{Text: img.Caption})
		}
		return
	}
	img.Data, img.MIME, img.Width, img.Height = data, mime, w, h
	c.pending = append(c.pending, img)
}

// plainText is the text of n's inline descendants, for alt text.
func (c *converter) plainText(n ast.Node) string {
	var b strings.Builder
	_ = ast.Walk(n, func(k ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch k := k.(type) {
		case *ast.Text:
			if k.IsRaw() {
				b.Write(k.Value(c.src))
			} else {
				b.WriteString(unescape(k.Value(c.src)))
			}
			if k.SoftLineBreak() || k.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(k.Value)
		case *ast.AutoLink:
			b.Write(k.Label(c.src))
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// htmlBlock keeps the words of raw HTML and nothing of its markup: the
// model has no place for arbitrary HTML, and guessing its structure would
// be worse than a plain paragraph.
func (c *converter) htmlBlock(n *ast.HTMLBlock) []render.Block {
	raw := c.lines(n)
	if n.HasClosure() {
		raw += "\n" + string(n.ClosureLine.Value(c.src))
	}
	if strings.HasPrefix(strings.TrimSpace(raw), "<!--") && strings.TrimSpace(stripTags(raw)) == "" {
		return nil // a comment: invisible in every rendering
	}
	text := stripTags(raw)
	if text == "" {
		c.warn("html", "raw HTML block without text dropped: %s", firstLine(raw))
		return nil
	}
	c.warn("html", "raw HTML block kept as text")
	return []render.Block{render.Para(text)}
}

var (
	hiddenHTML = regexp.MustCompile(`(?is)<!--.*?-->|<(script|style|template)\b.*?</(?:script|style|template)\s*>`)
	blockTag   = regexp.MustCompile(`(?i)</?(?:p|div|br|li|ul|ol|tr|td|th|table|h[1-6]|blockquote|section|article|figure|figcaption|header|footer|aside|nav|dl|dt|dd|pre|hr)\b[^>]*>`)
	anyTag     = regexp.MustCompile(`(?s)</?[A-Za-z][^>]*>`)
)

func stripTags(raw string) string {
	s := hiddenHTML.ReplaceAllString(raw, " ")
	s = blockTag.ReplaceAllString(s, " ")
	s = anyTag.ReplaceAllString(s, "")
	return strings.Join(strings.Fields(html.UnescapeString(s)), " ")
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

// unreferencedNotes finds footnote definitions goldmark dropped because
// nothing refers to them: their words cannot be recovered from the tree,
// so the least the reader can do is say so.
func unreferencedNotes(root ast.Node, src []byte) []string {
	kept := map[string]bool{}
	var code [][2]int
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *east.Footnote:
			kept[string(n.Ref)] = true
		case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
			ls := n.Lines()
			for i := 0; i < ls.Len(); i++ {
				code = append(code, [2]int{ls.At(i).Start, ls.At(i).Stop})
			}
		}
		return ast.WalkContinue, nil
	})
	var lost []string
	for _, m := range noteDef.FindAllSubmatchIndex(src, -1) {
		inCode := false
		for _, c := range code {
			inCode = inCode || (m[0] >= c[0] && m[0] < c[1])
		}
		if label := string(src[m[2]:m[3]]); !inCode && !kept[label] {
			lost = append(lost, label)
		}
	}
	return lost
}

var noteDef = regexp.MustCompile(`(?m)^ {0,3}\[\^([^\]\s]+)\]:`)

// noteID names a footnote by the number goldmark gave it in order of
// first reference; a note nobody refers to keeps its label.
func noteID(index int, ref []byte) string {
	if index < 0 {
		return "fn-" + string(ref)
	}
	return "fn" + strconv.Itoa(index)
}

// slug makes a heading's ID from its words, in any script, unique within
// the document.
func (c *converter) slug(text string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(text) {
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	s := b.String()
	if s == "" {
		s = "section"
	}
	c.slugs[s]++
	if n := c.slugs[s]; n > 1 {
		s += "-" + strconv.Itoa(n)
	}
	return s
}

// addText appends s, merging it with a Text run just before.
func addText(out []render.Inline, s string) []render.Inline {
	if s == "" {
		return out
	}
	if k := len(out); k > 0 {
		if t, ok := out[k-1].(*render.Text); ok {
			t.Text += s
			return out
		}
	}
	return append(out, &render.Text{Text: s})
}

// unescape reads Markdown text as goldmark's HTML writer does: a
// backslash before ASCII punctuation escapes it, and character
// references (&amp; &#8212; &#x2014;) stand for their characters.
func unescape(v []byte) string {
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		ch := v[i]
		switch {
		case ch == '\\' && i+1 < len(v) && util.IsPunct(v[i+1]):
			b.WriteByte(v[i+1])
			i++
		case ch == '&':
			if m := entity.Find(v[i:]); m != nil {
				if r := html.UnescapeString(string(m)); r != string(m) {
					b.WriteString(r)
					i += len(m) - 1
					continue
				}
			}
			b.WriteByte(ch)
		case ch == 0:
			b.WriteRune('\uFFFD')
		default:
			b.WriteByte(ch)
		}
	}
	return b.String()
}

var entity = regexp.MustCompile(`^&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});`)

package epub

import (
	"bytes"
	"unicode/utf8"
)

// xmlWriter builds XML that is well-formed by construction: every text and
// attribute value goes through escape, element names are our own
// constants, and end tags come off a stack, so no end tag can be missing,
// misspelt or out of order.
type xmlWriter struct {
	buf   bytes.Buffer
	stack []string
	pre   int // inside <pre>, where a layout newline would be content
}

// Elements after whose start tag a newline is written (containers), and
// after whose end tag one is written (all blocks). The newlines only make
// the files readable to a person; they never fall inside a paragraph.
var (
	newlineAfterStart = set("html", "head", "body", "section", "nav", "ol", "ul", "blockquote",
		"figure", "table", "thead", "tbody", "tr", "aside", "package", "metadata", "manifest",
		"spine", "ncx", "navMap", "navPoint", "container", "rootfiles")
	newlineAfterEnd = set("html", "head", "body", "section", "nav", "ol", "ul", "li", "blockquote",
		"figure", "figcaption", "table", "thead", "tbody", "tr", "td", "th", "aside", "p", "h1",
		"h2", "h3", "h4", "h5", "h6", "pre", "title", "link", "hr", "img", "package", "metadata",
		"manifest", "spine", "item", "itemref", "ncx", "navMap", "navPoint", "navLabel", "content",
		"meta", "container", "rootfiles", "rootfile", "docTitle",
		"dc:identifier", "dc:title", "dc:creator", "dc:language", "dc:date", "dc:publisher",
		"dc:source", "dc:description", "dc:subject")
)

func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

func newXML() *xmlWriter {
	w := &xmlWriter{}
	w.buf.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	return w
}

// raw writes markup we wrote ourselves (a doctype); never user text.
func (w *xmlWriter) raw(s string) { w.buf.WriteString(s) }

func (w *xmlWriter) openTag(tag string, attrs []string) {
	if len(attrs)%2 != 0 {
		panic("epub: odd attribute list for <" + tag + ">")
	}
	w.buf.WriteByte('<')
	w.buf.WriteString(tag)
	for i := 0; i < len(attrs); i += 2 {
		w.buf.WriteByte(' ')
		w.buf.WriteString(attrs[i])
		w.buf.WriteString(`="`)
		escape(&w.buf, attrs[i+1], true)
		w.buf.WriteByte('"')
	}
}

func (w *xmlWriter) newline(after map[string]bool, tag string) {
	if w.pre == 0 && after[tag] {
		w.buf.WriteByte('\n')
	}
}

// start opens an element; attrs are name, value pairs.
func (w *xmlWriter) start(tag string, attrs ...string) {
	w.openTag(tag, attrs)
	w.buf.WriteByte('>')
	w.stack = append(w.stack, tag)
	w.newline(newlineAfterStart, tag)
	if tag == "pre" {
		w.pre++
	}
}

// end closes the innermost open element.
func (w *xmlWriter) end() {
	n := len(w.stack) - 1
	if n < 0 {
		panic("epub: end without start")
	}
	tag := w.stack[n]
	w.stack = w.stack[:n]
	if tag == "pre" {
		w.pre--
	}
	w.buf.WriteString("</")
	w.buf.WriteString(tag)
	w.buf.WriteByte('>')
	w.newline(newlineAfterEnd, tag)
}

// empty writes an element without content: <tag a="v"/>.
func (w *xmlWriter) empty(tag string, attrs ...string) {
	w.openTag(tag, attrs)
	w.buf.WriteString("/>")
	w.newline(newlineAfterEnd, tag)
}

// text writes character data.
func (w *xmlWriter) text(s string) { escape(&w.buf, s, false) }

// elem writes <tag attrs>text</tag>.
func (w *xmlWriter) elem(tag, text string, attrs ...string) {
	w.start(tag, attrs...)
	w.text(text)
	w.end()
}

// bytes returns the document; every element must have been closed.
func (w *xmlWriter) bytes() []byte {
	if len(w.stack) != 0 {
		panic("epub: unclosed <" + w.stack[len(w.stack)-1] + ">")
	}
	return w.buf.Bytes()
}

// escape writes s as XML character data or as an attribute value. It drops
// what XML 1.0 cannot carry (control characters other than tab and
// newline, the non-characters U+FFFE and U+FFFF) and C1 controls, which
// scraped text sometimes holds by mistake; invalid UTF-8 becomes U+FFFD.
func escape(b *bytes.Buffer, s string, attr bool) {
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"' && attr:
			b.WriteString("&quot;")
		case r == '\n' && attr:
			b.WriteString("&#10;") // a literal one would be read back as a space
		case r == '\t' && attr:
			b.WriteString("&#9;")
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case !xmlChar(r):
		default:
			b.WriteRune(r)
		}
	}
}

// xmlChar reports whether r may stand in our output: XML 1.0's Char
// production less the C0/C1 controls and DEL (tab and newline are handled
// by the caller).
func xmlChar(r rune) bool {
	switch {
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		return false
	case r >= 0xd800 && r <= 0xdfff, r == 0xfffe, r == 0xffff, r > utf8.MaxRune:
		return false
	}
	return true
}

// cleanText is s as escape would write it, without the escaping: for
// values compared or measured before they are written.
func cleanText(s string) string {
	var b []rune
	for _, r := range s {
		if r == '\n' || r == '\t' || xmlChar(r) {
			b = append(b, r)
		}
	}
	return string(b)
}

package epub

import (
	"crypto/sha1"
	"encoding/binary"
	"fmt"
	"hash"

	"github.com/offprint/offprint/render"
)

// namespace is offprint's UUID namespace for EPUB identifiers: the RFC 4122
// name-based (v5) UUID of the URL
// https://github.com/offprint/offprint/render/epub in the URL namespace.
// Changing it changes every book's identifier, so it never changes.
var namespace = [16]byte{0x04, 0xb3, 0x04, 0x93, 0xeb, 0xf1, 0x5c, 0x62,
	0x93, 0x7f, 0x4f, 0x38, 0xa5, 0x00, 0xb8, 0x0c}

// identifier names the book by its content: a version 5 UUID over the
// title, the authors and everything the blocks say (images included). The
// same article exported twice is the same book to a reading system, which
// then keeps its place and notes; a changed article is a new book.
func identifier(doc *render.Document) string {
	h := sha1.New()
	h.Write(namespace[:])
	field(h, "title", doc.Meta.Title)
	field(h, "subtitle", doc.Meta.Subtitle)
	for _, a := range doc.Meta.Authors {
		field(h, "author", a.Name)
	}
	hashBlocks(h, doc.Blocks)
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0f | 0x50 // version 5
	u[8] = u[8]&0x3f | 0x80 // RFC 4122 variant
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

// field writes a length-prefixed value, so that ("ab","c") and ("a","bc")
// hash differently.
func field(h hash.Hash, kind, s string) {
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], uint64(len(s)))
	h.Write([]byte(kind))
	h.Write(n[:])
	h.Write([]byte(s))
}

func hashBlocks(h hash.Hash, blocks []render.Block) {
	for _, b := range blocks {
		switch b := b.(type) {
		case *render.Heading:
			field(h, "h", render.Plain(b.Text))
		case *render.Paragraph:
			field(h, "p", render.Plain(b.Text))
		case *render.Quote:
			field(h, "quote", "")
			hashBlocks(h, b.Blocks)
			field(h, "by", render.Plain(b.Attribution))
		case *render.List:
			field(h, "list", "")
			for _, it := range b.Items {
				field(h, "li", "")
				hashBlocks(h, it)
			}
		case *render.Image:
			field(h, "img", string(b.Data))
			field(h, "alt", b.Alt)
			field(h, "caption", render.Plain(b.Caption))
		case *render.Rule:
			field(h, "hr", "")
		case *render.CodeBlock:
			field(h, "code", b.Text)
		case *render.Table:
			for _, r := range b.Rows {
				field(h, "tr", "")
				for _, c := range r.Cells {
					field(h, "td", render.Plain(c))
				}
			}
		case *render.Footnote:
			field(h, "note", b.ID)
			hashBlocks(h, b.Blocks)
		}
	}
}

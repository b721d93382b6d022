package epub

import (
	"strings"
	"testing"

	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/offprint/offprint/fonts"
	"github.com/offprint/offprint/render"
	"github.com/offprint/offprint/render/labels"
)

// TestEmbeddedSubsets: each embedded face draws every character of the
// book, title to the "About the author" heading, with the full face's
// glyph and advance; it maps no character the book lacks; and it is a
// fraction of the face it was cut from.
func TestEmbeddedSubsets(t *testing.T) {
	doc := &render.Document{
		Meta: render.Meta{
			Title:   "Zoë’s “Fjord” Notes",
			Authors: []render.Author{{Name: "Åsa Nørgaard", Bio: "Åsa writes on fjords & ferries."}},
			Lang:    "en",
		},
		Blocks: []render.Block{
			render.Para("A café’s naïve résumé — 1–2, first of five."),
			&render.Paragraph{Text: []render.Inline{
				&render.Emphasis{Children: []render.Inline{&render.Text{Text: "Italic jumps; "}}},
				&render.Strong{Children: []render.Inline{&render.Text{Text: "bold vows!"}}},
			}},
		},
	}
	text := doc.Meta.Title + doc.Meta.Authors[0].Name + doc.Meta.Authors[0].Bio +
		render.Plain(doc.Blocks[0].(*render.Paragraph).Text) + render.Plain(doc.Blocks[1].(*render.Paragraph).Text) +
		labels.For("en").About(1)
	const absent = "жŋ€" // in the full faces, not in the book
	for _, r := range absent {
		if strings.ContainsRune(text, r) {
			t.Fatalf("the book has %q, which the test needs absent", r)
		}
	}

	b := unzip(t, renderDoc(t, doc, render.Options{EPUBFonts: true}))
	var buf sfnt.Buffer
	for _, bf := range bodyFaces {
		t.Run(string(bf.face), func(t *testing.T) {
			data := b.files["fonts/"+string(bf.face)]
			full := fonts.MustBytes(bf.face)
			if len(data)*4 > len(full) {
				t.Errorf("embedded %d bytes of a %d-byte face: not cut down", len(data), len(full))
			}
			sub, err := sfnt.Parse(data)
			if err != nil {
				t.Fatalf("the embedded face does not parse: %v", err)
			}
			ref, err := sfnt.Parse(full)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range text {
				want, _ := ref.GlyphIndex(&buf, r)
				got, err := sub.GlyphIndex(&buf, r)
				if err != nil || got == 0 || got != want {
					t.Errorf("%q maps to glyph %d (%v), the full face's is %d", r, got, err, want)
					continue
				}
				a, _ := sub.GlyphAdvance(&buf, got, fixed.I(1000), xfont.HintingNone)
				w, _ := ref.GlyphAdvance(&buf, want, fixed.I(1000), xfont.HintingNone)
				if a != w {
					t.Errorf("%q: advance %v, the full face's %v", r, a, w)
				}
				if segs, err := sub.LoadGlyph(&buf, got, fixed.I(1000), nil); r != ' ' && (err != nil || len(segs) == 0) {
					t.Errorf("%q: no outline (%v)", r, err)
				}
			}
			for _, r := range absent {
				if g, _ := sub.GlyphIndex(&buf, r); g != 0 {
					t.Errorf("%q is not in the book but maps to glyph %d", r, g)
				}
			}
		})
	}
}

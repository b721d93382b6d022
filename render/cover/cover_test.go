package cover

import (
	"bytes"
	"image"
	"image/draw"
	"image/png"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"

	"github.com/offprint/offprint/render"

	"github.com/offprint/offprint/fonts"
)

func TestPNG(t *testing.T) {
	for _, c := range []struct {
		name string
		in   Info
	}{
		{"full", Info{Title: "Rivers and Roads: a Field Guide", Byline: "Ada Lovelace", Footer: "The Example Review"}},
		{"long title", Info{Title: "A title that goes on and on for a very long time so that it has to wrap over many lines and shrink to fit the cover properly"}},
		{"empty", Info{}},
	} {
		t.Run(c.name, func(t *testing.T) {
			a, err := PNG(c.in)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := PNG(c.in)
			if !bytes.Equal(a, b) {
				t.Error("two covers of the same article differ")
			}
			m, err := png.Decode(bytes.NewReader(a))
			if err != nil {
				t.Fatal(err)
			}
			if r := m.Bounds(); r.Dx() != Width || r.Dy() != Height {
				t.Errorf("cover %v, want %d×%d", r, Width, Height)
			}
			if len(a) > 60_000 {
				t.Errorf("cover is %d bytes, want a small file", len(a))
			}
		})
	}
	a, _ := PNG(Info{Title: "One"})
	b, _ := PNG(Info{Title: "Two"})
	if bytes.Equal(a, b) {
		t.Error("the title does not reach the cover")
	}
}

func BenchmarkPNG(b *testing.B) {
	in := Info{Title: "Rivers and Roads: a Field Guide to the Quiet Places", Byline: "Ada Lovelace", Footer: "The Example Review"}
	for b.Loop() {
		if _, err := PNG(in); err != nil {
			b.Fatal(err)
		}
	}
}

// TestInkMatchesDrawer checks the palette drawing against the plain way:
// text drawn in full colour by font.Drawer over the paper, then each
// pixel matched to its nearest palette entry. Tight kerning and an
// italic make glyphs overlap, where the two may differ by a shade.
func TestInkMatchesDrawer(t *testing.T) {
	for _, c := range []struct {
		face fonts.Face
		size float64
		k    int
		text string
	}{
		{fonts.SerifBold, 124, inkInk, "AVAVA Tyrannosaurus"},
		{fonts.SerifItalic, 54, greyInk, "ffjord «Œuvre» Wafffle"},
		{fonts.SansBold, 40, accentInk, "THE EXAMPLE REVIEW"},
	} {
		f, err := newFace(c.face, c.size)
		if err != nil {
			t.Fatal(err)
		}
		cv := newCanvas()
		cv.text(f, c.text, margin, 300, c.k)

		ref := image.NewRGBA(cv.m.Rect)
		draw.Draw(ref, ref.Rect, image.NewUniform(paper), image.Point{}, draw.Src)
		d := font.Drawer{Dst: ref, Src: image.NewUniform(inks[c.k]), Face: f, Dot: fixed.P(margin, 300)}
		d.DrawString(c.text)

		inked, differ := 0, 0
		for y := range Height {
			for x := range Width {
				want := uint8(cv.pal.Index(ref.At(x, y)))
				got := cv.m.ColorIndexAt(x, y)
				if got != 0 {
					inked++
				}
				if got != want {
					differ++
				}
			}
		}
		if inked == 0 {
			t.Errorf("%q: nothing drawn", c.text)
		}
		if differ > inked/100 {
			t.Errorf("%q: %d of %d inked pixels differ from font.Drawer's", c.text, differ, inked)
		}
	}
}

func TestForSpeaksTheDocumentsLanguage(t *testing.T) {
	for _, c := range []struct {
		name string
		meta render.Meta
		want Info
	}{
		{"english, site", render.Meta{Title: " Locks  and weirs ", Lang: "en", SiteName: "The Towpath", Authors: []render.Author{{Name: "Ada Roe"}, {Name: "Bo Lee"}}},
			Info{Title: "Locks and weirs", Byline: "Ada Roe and Bo Lee", Footer: "The Towpath"}},
		{"french, date", render.Meta{Title: "Écluses", Lang: "fr-CA", Date: "2024-08-01", Authors: []render.Author{{Name: "Ada Roe"}, {Name: "Bo Lee"}}},
			Info{Title: "Écluses", Byline: "Ada Roe et Bo Lee", Footer: "1 août 2024"}},
		{"no title", render.Meta{Lang: "de"}, Info{Title: "Ohne Titel"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := For(&render.Document{Meta: c.meta}); got != c.want {
				t.Errorf("For = %+v, want %+v", got, c.want)
			}
		})
	}
}

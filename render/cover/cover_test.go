package cover

import (
	"bytes"
	"image/png"
	"testing"
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

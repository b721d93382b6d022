package pdf

import (
	"strings"
	"testing"

	"github.com/offprint/offprint/render"
)

// TestUnshapedScriptsNamed: text fpdf cannot set is reported by script,
// with the way out, instead of as a list of font gaps.
func TestUnshapedScriptsNamed(t *testing.T) {
	for _, c := range []struct {
		name, text string
		want       []string // in the glyph warning
	}{
		{"arabic", "اتفقت روسيا وأوكرانيا على وقف جزئي لإطلاق النار", []string{"Arabic text", "--epub"}},
		{"hebrew and arabic", "שלום עולם والسلام", []string{"Arabic and Hebrew text", "--epub"}},
		{"emoji is a font gap", "A smile 🙂 here", []string{"not in the fonts"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc := &render.Document{Meta: render.Meta{Title: "Scripts"}, Blocks: []render.Block{render.Para(c.text)}}
			var ws []render.Warning
			if _, err := Bytes(doc, render.Options{Warn: func(w render.Warning) { ws = append(ws, w) }}); err != nil {
				t.Fatal(err)
			}
			msgs := glyphWarnings(ws)
			if len(msgs) != 1 {
				t.Fatalf("want one glyph warning, got %q", msgs)
			}
			for _, w := range c.want {
				if !strings.Contains(msgs[0], w) {
					t.Errorf("warning %q lacks %q", msgs[0], w)
				}
			}
		})
	}
}

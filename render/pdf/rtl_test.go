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
		{"an arabic phrase in english", "The agreement, signed in Istanbul after three days of talks between the delegations, was headlined اتفاق in the regional papers.", []string{"Arabic text", "--epub"}},
		{"hebrew and arabic words in english", "The sign at the border crossing read שלום on one side and سلام on the other, and the soldiers stood between them all day.", []string{"Arabic and Hebrew text", "--epub"}},
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

// TestUnshapedArticleRefused: an article in a script the PDF cannot set
// gets a clear error, never a PDF of placeholders.
func TestUnshapedArticleRefused(t *testing.T) {
	for _, c := range []struct {
		name string
		doc  *render.Document
		want string // in the error; "" for none
	}{
		{"arabic article", &render.Document{Meta: render.Meta{Title: "وقف إطلاق النار"}, Blocks: []render.Block{render.Para("اتفقت روسيا وأوكرانيا على وقف جزئي لإطلاق النار")}}, "Arabic"},
		{"right-to-left document", &render.Document{Meta: render.Meta{Title: "Title", Dir: "rtl"}, Blocks: []render.Block{render.Para("Mostly Latin letters here, with one word: שלום")}}, "Hebrew"},
		{"english with a hebrew word", &render.Document{Meta: render.Meta{Title: "Title"}, Blocks: []render.Block{render.Para("Mostly Latin letters here, and many of them, with one word: שלום")}}, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, err := Bytes(c.doc, render.Options{})
			switch {
			case c.want == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case c.want != "" && err == nil:
				t.Fatalf("a %d-byte PDF of placeholders, want an error", len(out))
			case c.want != "" && !strings.Contains(err.Error(), c.want):
				t.Errorf("error %q does not name %s", err, c.want)
			}
		})
	}
}

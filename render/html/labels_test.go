package html_test

import (
	"strings"
	"testing"

	"github.com/offprint/offprint/render"
)

// The words the page adds to the article are in the article's language,
// in the order a reader meets them.
func TestLabelsInLanguage(t *testing.T) {
	for _, tc := range []struct {
		lang string
		want []string
	}{
		{"en", []string{"By Ann Lee and Bo Ek", "1 August 2024", "Notes", "About the authors"}},
		{"fr", []string{"Par Ann Lee et Bo Ek", "1 août 2024", "Notes", "À propos des auteurs"}},
		{"de-CH", []string{"Von Ann Lee und Bo Ek", "1. August 2024", "Anmerkungen", "Über die Autoren"}},
		{"nl", []string{"Door Ann Lee en Bo Ek", "1 augustus 2024", "Noten", "Over de auteurs"}},
		{"xx", []string{"By Ann Lee and Bo Ek", "1 August 2024", "Notes", "About the authors"}},
	} {
		doc := &render.Document{
			Meta: render.Meta{Title: "T", Lang: tc.lang, Date: "2024-08-01",
				Authors: []render.Author{{Name: "Ann Lee", Bio: "Ann writes."}, {Name: "Bo Ek", Bio: "Bo edits."}}},
			Blocks: []render.Block{
				&render.Paragraph{Text: []render.Inline{&render.Text{Text: "Body"}, &render.NoteRef{ID: "n"}}},
				&render.Footnote{ID: "n", Blocks: []render.Block{render.Para("A note.")}},
			},
		}
		page, _ := renderDoc(t, doc)
		text := strings.Join(strings.Fields(visibleText(parse(t, page))), " ")
		for _, w := range tc.want {
			i := strings.Index(text, w)
			if i < 0 {
				t.Errorf("%s: no %q after that in %q", tc.lang, w, text)
				break
			}
			text = text[i+len(w):]
		}
	}
}

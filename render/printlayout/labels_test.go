package printlayout

import (
	"strings"
	"testing"

	"github.com/offprint/offprint/render"
)

// textCanvas keeps the text drawn on each page, in drawing order.
type textCanvas struct{ pages []string }

func (c *textCanvas) AddPage() { c.pages = append(c.pages, "") }
func (c *textCanvas) Text(_, _ float64, text string, _ Face, _ float64, _ RGB, actual string) {
	if actual != "" {
		text = actual
	}
	c.pages[len(c.pages)-1] += text + " "
}
func (c *textCanvas) Line(_, _, _, _, _ float64, _ RGB)             {}
func (c *textCanvas) Rect(_, _, _, _ float64, _ RGB)                {}
func (c *textCanvas) Image(int, float64, float64, float64, float64) {}
func (c *textCanvas) URILink(_, _, _, _ float64, _ string)          {}
func (c *textCanvas) Link(_, _, _, _ float64, _ int)                {}
func (c *textCanvas) SetLink(int, float64)                          {}
func (c *textCanvas) Bookmark(string, int, float64)                 {}

// The words the PDF adds to the article (byline, date, the bios' heading,
// the folio) are in the article's language.
func TestLabelsInLanguage(t *testing.T) {
	for _, tc := range []struct {
		lang  string
		first []string // on the first page, in order
		last  []string // on the last page, in order
	}{
		{"en", []string{"By Ann Lee", "1 August 2024", "page 1 of"}, []string{"About the author", "of"}},
		{"fr-CA", []string{"Par Ann Lee", "1 août 2024", "page 1 sur"}, []string{"À propos de l’auteur", "sur"}},
		{"de", []string{"Von Ann Lee", "1. August 2024", "Seite 1 von"}, []string{"Über den Autor", "von"}},
		{"es", []string{"Por Ann Lee", "1 de agosto de 2024", "página 1 de"}, []string{"Sobre el autor", "de"}},
		{"xx", []string{"By Ann Lee", "1 August 2024", "page 1 of"}, []string{"About the author", "of"}},
	} {
		doc := article()
		doc.Lang, doc.Date = tc.lang, "2024-08-01"
		doc.Authors = []render.Author{{Name: "Ann Lee", Bio: "Ann Lee sets type."}}
		bk, err := Layout(doc, render.Options{})
		if err != nil {
			t.Fatal(err)
		}
		var c textCanvas
		bk.Draw(&c)
		if len(c.pages) < 2 {
			t.Fatalf("%s: %d page(s), want several", tc.lang, len(c.pages))
		}
		check := func(page string, want []string) {
			text := strings.Join(strings.Fields(page), " ")
			for _, w := range want {
				i := strings.Index(text, w)
				if i < 0 {
					t.Errorf("%s: no %q in %.200q…", tc.lang, w, text)
					continue
				}
				text = text[i+len(w):]
			}
		}
		check(c.pages[0], tc.first)
		check(c.pages[len(c.pages)-1], tc.last)
	}
}

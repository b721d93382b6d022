package read_test

import (
	"strings"
	"testing"

	"github.com/offprint/offprint/render/read"
	_ "github.com/offprint/offprint/render/read/html"
	_ "github.com/offprint/offprint/render/read/markdown"
)

// The document language, one rule for every format: what the input
// declares, else --lang, else detection, else English; right-to-left
// languages get a direction.
func TestLanguage(t *testing.T) {
	de := "Der Drucker wartete auf die letzte Seite des Artikels, weil die Redakteurin versprochen hatte, dass die Korrekturen noch vor dem Abendzug ankommen würden."
	ar := "كان الطابع ينتظر الصفحة الأخيرة من المقال، لأن المحررة وعدت بأن التصحيحات ستصل قبل أن يغادر قطار المساء المحطة."
	tests := []struct {
		name, md, optLang, lang, dir string
	}{
		{"front matter wins", "---\nlang: en-GB\n---\n" + de, "fr", "en-GB", ""},
		{"--lang next", de, "fr", "fr", ""},
		{"then detection", de, "", "de", ""},
		{"right to left", ar, "", "ar", "rtl"},
		{"unsure falls back to the default", "Too short.", "", read.DefaultLang, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := read.Bytes([]byte(tc.md), "markdown", read.Options{Lang: tc.optLang})
			if err != nil {
				t.Fatal(err)
			}
			if doc.Lang != tc.lang || doc.Dir != tc.dir {
				t.Errorf("lang %q dir %q, want %q %q", doc.Lang, doc.Dir, tc.lang, tc.dir)
			}
		})
	}
}

func TestDescriptionFallsBackToAnExcerpt(t *testing.T) {
	first := "The second round of talks in Istanbul ended without a deal on a ceasefire, though both sides agreed to exchange prisoners."
	long := first + " " + strings.Repeat("Both sides blamed each other for the failure ", 10)
	noStop := strings.Repeat("words without any stop ", 20)
	tests := []struct{ name, md, want string }{
		{"declared wins", "---\ndescription: Declared.\n---\nBody text here.", "Declared."},
		{"short first paragraph whole", "# T\n\nA short opening that is still a sentence.\n\nMore.", "A short opening that is still a sentence."},
		{"a button's label is passed over", "# T\n\nSave\n\nLast updated 3 May\n\n" + first, first},
		{"no paragraph long enough: none", "# T\n\nSave\n\nShare", ""},
		{"long: whole sentences", "# T\n\n" + long, first},
		{"no sentence end: cut at a word", "# T\n\n" + noStop, noStop[:197] + "\u2026"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := read.Bytes([]byte(tc.md), "markdown", read.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if doc.Description != tc.want {
				t.Errorf("description %q, want %q", doc.Description, tc.want)
			}
		})
	}
}

func TestTitleFromName(t *testing.T) {
	tests := []struct{ name, want string }{
		{"notes/on-locks.md", "on-locks"},
		{"posts/on-locks/index.md", "on-locks"},
		{"corpus/reordering-paragraphs/source.html", "reordering-paragraphs"},
		{"Field Notes.txt", "Field Notes"},
		{"-", ""},
		{"", ""},
	}
	for _, tc := range tests {
		if got := read.TitleFromName(tc.name); got != tc.want {
			t.Errorf("TitleFromName(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
	doc, err := read.Bytes([]byte("<p>A fragment with no title at all, only a sentence of text.</p>"), "html", read.Options{Name: "posts/on-locks/index.html"})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Title != "on-locks" {
		t.Errorf("an untitled fragment is titled %q, want its folder's name", doc.Title)
	}
}

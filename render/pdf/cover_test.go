package pdf

import (
	"strings"
	"testing"

	"github.com/offprint/offprint/render"
)

// TestCoverPage: --pdf-cover adds one picture-only page before the
// article and changes nothing else.
func TestCoverPage(t *testing.T) {
	need(t, "pdftotext")
	doc := seedDoc(t)
	plain, err := Bytes(doc, render.Options{})
	if err != nil {
		t.Fatal(err)
	}
	covered, err := Bytes(doc, render.Options{PDFCover: true})
	if err != nil {
		t.Fatal(err)
	}
	without, with := pageTexts(t, writeTemp(t, plain)), pageTexts(t, writeTemp(t, covered))
	if len(with) != len(without)+1 {
		t.Fatalf("%d pages with the cover, %d without: want one more", len(with), len(without))
	}
	if s := strings.TrimSpace(with[0]); s != "" {
		t.Errorf("the cover page has text %q; it should be a picture", s)
	}
	for i := range without {
		if with[i+1] != without[i] {
			t.Errorf("page %d changed under the cover", i+1)
		}
	}
	if !imagePlacement.Match(covered) && !strings.Contains(string(covered), "/Subtype /Image") {
		t.Error("no image in the covered PDF")
	}
}

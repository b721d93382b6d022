package printlayout

import (
	"fmt"
	"strings"
	"testing"
	"unicode"

	"github.com/offprint/offprint/render"
	"github.com/offprint/offprint/render/layout"
)

// article is long enough for several pages, with long words the
// hyphenator breaks, a quote and a list, and bios for the About section.
func article() *render.Document {
	doc := &render.Document{Meta: render.Meta{
		Title: "Breaking Pages", Lang: "en",
		Authors: []render.Author{{Name: "Ada Byron", Bio: strings.Repeat("Ada Byron writes about extraordinarily complicated typesetting. ", 12)}},
	}}
	for i := range 40 {
		var s []string
		for j := range 9 {
			s = append(s, fmt.Sprintf("Paragraph %d sentence %d discusses incomprehensibilities of characteristically unpredictable pagination.", i+1, j+1))
		}
		doc.Blocks = append(doc.Blocks, render.Para(strings.Join(s, " ")))
		switch i % 10 {
		case 3:
			doc.Blocks = append(doc.Blocks, &render.Quote{Blocks: []render.Block{render.Para(strings.Repeat("A quoted remark that runs on and on. ", 20))}})
		case 7:
			doc.Blocks = append(doc.Blocks, &render.List{Items: [][]render.Block{
				{render.Para(strings.Repeat("An item of some length. ", 15))},
				{render.Para(strings.Repeat("Another item, longer still. ", 25))},
			}})
		}
	}
	return doc
}

// blockText is the text Source.Letters counts in, for the blocks the
// test article has.
func blockText(t *testing.T, doc *render.Document, s Source) string {
	t.Helper()
	if s.Part == About {
		return doc.Authors[s.Path[0]].Bio
	}
	blocks := doc.Blocks
	var b render.Block
	for _, i := range s.Path {
		b = blocks[i]
		switch x := b.(type) {
		case *render.Quote:
			blocks = x.Blocks
		case *render.List:
			blocks = nil
			for _, it := range x.Items {
				blocks = append(blocks, &render.Quote{Blocks: it}) // an item: one step, then its blocks
			}
		}
	}
	if p, ok := b.(*render.Paragraph); ok {
		return render.Plain(p.Text)
	}
	t.Fatalf("path %v ends at %T", s.Path, b)
	return ""
}

// Every page after the first starts at the start of a word of the body
// (or of a bio), and the pages go forward through the article.
func TestPagesStartAtWords(t *testing.T) {
	doc := article()
	for _, size := range []string{"a4", "letter", "a5"} {
		t.Run(size, func(t *testing.T) {
			pages, err := PageMap(doc, render.Options{PageSize: size})
			if err != nil {
				t.Fatal(err)
			}
			if len(pages) < 4 {
				t.Fatalf("%d pages: the article should need more", len(pages))
			}
			if pages[0].Part != Masthead {
				t.Errorf("page 1 starts in %v, not the masthead", pages[0].Part)
			}
			prev := ""
			for n, s := range pages[1:] {
				if s.Part != Body && s.Part != About || len(s.Path) == 0 {
					if s.Part == About && len(s.Path) == 0 {
						continue // the section's heading
					}
					t.Fatalf("page %d starts at %+v", n+2, s)
				}
				text := []rune(blockText(t, doc, s))
				i, seen := 0, 0
				for ; i < len(text); i++ {
					if unicode.IsLetter(text[i]) || unicode.IsNumber(text[i]) {
						if seen == s.Letters {
							break
						}
						seen++
					}
				}
				if i == len(text) || i > 0 && !unicode.IsSpace(text[i-1]) {
					t.Errorf("page %d starts at letter %d of %v, not at a word: …%s|%s…", n+2, s.Letters, s.Path,
						string(text[max(i-10, 0):i]), string(text[i:min(i+10, len(text))]))
				}
				key := fmt.Sprintf("%d %03v %06d", s.Part, s.Path, s.Letters)
				if key <= prev {
					t.Errorf("page %d starts at %s, not after page %d's %s", n+2, key, n+1, prev)
				}
				prev = key
			}
		})
	}
}

// A wider page holds more: the page map follows the page size.
func TestPageMapFollowsPageSize(t *testing.T) {
	doc := article()
	count := map[string]int{}
	for _, size := range []string{"a4", "a5"} {
		pages, err := PageMap(doc, render.Options{PageSize: size})
		if err != nil {
			t.Fatal(err)
		}
		count[size] = len(pages)
	}
	if count["a5"] <= count["a4"] {
		t.Errorf("A5 %d pages, A4 %d", count["a5"], count["a4"])
	}
	if _, err := PageMap(doc, render.Options{PageSize: "tabloid"}); err == nil {
		t.Error("no error for an unknown page size")
	}
}

// Text measures as the sum of its characters, in proportion to its size.
func TestWidth(t *testing.T) {
	for _, c := range []struct {
		a, b string
		f    Face
	}{{"Type", "setting", Serif}, {"Ünï", "côdé", SansBold}, {"", "x", SerifItalic}} {
		wa, _ := Width(c.a, c.f, 10)
		wb, _ := Width(c.b, c.f, 10)
		wab, _ := Width(c.a+c.b, c.f, 10)
		w20, _ := Width(c.a+c.b, c.f, 20)
		if wab <= 0 || abs(wab-(wa+wb)) > 1e-9 || abs(w20-2*wab) > 1e-9 {
			t.Errorf("%q+%q: %v + %v = %v, at twice the size %v", c.a, c.b, wa, wb, wab, w20)
		}
	}
}

func abs(x float64) float64 { return max(x, -x) }

// BenchmarkPageMap is what the EPUB pays for its print page numbers.
func BenchmarkPageMap(b *testing.B) {
	doc := article()
	for b.Loop() {
		if _, err := PageMap(doc, render.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// A page that starts with the rest of a word hyphenated on the page before
// starts, for its marker, at that word.
func TestWordStart(t *testing.T) {
	box := func(s string) layout.Item { return layout.Box(1, layout.Span{Text: s, Style: style{}}) }
	hyphen := layout.Penalty(1, 50, true, nil)
	space := layout.Glue(1, 1, 1)
	cases := []struct {
		name  string
		items []layout.Item
		lines []layout.Line
		want  int
	}{
		{"after a space", []layout.Item{box("a"), space, box("b")}, []layout.Line{{Start: 0, End: 1}, {Start: 2, End: 3}}, 2},
		{"after a hyphen", []layout.Item{box("a"), space, box("hy"), hyphen, box("phen"), space, box("c")},
			[]layout.Line{{Start: 0, End: 3}, {Start: 4, End: 7}}, 2},
		{"two hyphens back", []layout.Item{box("in"), hyphen, box("com"), hyphen, box("plete")},
			[]layout.Line{{Start: 0, End: 3}, {Start: 4, End: 5}}, 0},
		{"at a break between ideographs", []layout.Item{box("字"), layout.Penalty(0, 0, false, nil), box("字")},
			[]layout.Line{{Start: 0, End: 1}, {Start: 2, End: 3}}, 2},
	}
	for _, c := range cases {
		if got := wordStart(c.items, c.lines, len(c.lines)-1); got != c.want {
			t.Errorf("%s: the last line's word starts at item %d, want %d", c.name, got, c.want)
		}
	}
}

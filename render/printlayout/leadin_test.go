package printlayout

import (
	"strings"
	"testing"

	"github.com/offprint/offprint/render"
)

// TestLeadInStaysWithItsList: whatever the length of the text before it,
// no page begins with a list whose one-line lead-in ("…as follows:")
// ended the page before.
func TestLeadInStaysWithItsList(t *testing.T) {
	filler := strings.Repeat("The keepers walk the flight twice a day and note the level of every pound. ", 3)
	list := &render.List{Items: [][]render.Block{{render.Para("Set the next lock.")}, {render.Para("Thank the keeper.")}}}
	starts := 0
	for n := 1; n <= 40; n++ {
		var blocks []render.Block
		for range n {
			blocks = append(blocks, render.Para(filler))
		}
		blocks = append(blocks, render.Para("Some things a flight teaches you:"), list)
		bk, err := Layout(&render.Document{Meta: render.Meta{Title: "Locks", Lang: "en"}, Blocks: blocks}, render.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for i, p := range bk.Pages {
			if p.First.Part != Body || len(p.First.Path) == 0 {
				continue
			}
			switch p.First.Path[0] {
			case n + 1:
				t.Errorf("%d fillers: page %d begins with the list, its lead-in left on the page before", n, i+1)
			case n:
				starts++
			}
		}
	}
	if starts == 0 {
		t.Error("no layout put the lead-in at a page top: the test does not reach the case it guards")
	}
}

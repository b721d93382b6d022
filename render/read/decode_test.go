package read

import (
	"strings"
	"testing"
)

// TestCheck: what is refused as holding no words or as binary, for ASCII
// and for the rest of Unicode alike.
func TestCheck(t *testing.T) {
	for _, c := range []struct {
		name, text string
		errHas     string
	}{
		{"words", "A title\n\nA paragraph.", ""},
		{"words in another script", "Заголовок\n\nАбзац.", ""},
		{"ASCII whitespace of every kind", " \t\n\v\f\r ", "only whitespace"},
		{"Unicode spaces", "\u00a0\u2003\u3000\n", "only whitespace"},
		{"one letter among spaces", "   \u00a0x\n", ""},
		{"mostly control bytes", strings.Repeat("\x01\x02\x03ab", 50), "binary file"},
		{"mostly C1 controls", strings.Repeat("\u0085\u0086\u0087ab", 50), "binary file"},
		{"a few controls in text", "text with one \x07 bell and words enough to outweigh it", ""},
		{"invalid UTF-8 counts as control", strings.Repeat("\xff\xfeab", 50), "binary file"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := check(c.text, "")
			switch {
			case c.errHas == "" && err != nil:
				t.Errorf("check refused it: %v", err)
			case c.errHas != "" && (err == nil || !strings.Contains(err.Error(), c.errHas)):
				t.Errorf("check: %v, want an error with %q", err, c.errHas)
			}
		})
	}
}

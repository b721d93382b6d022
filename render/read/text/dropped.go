package text

// droppedLines lists the lines of s that dropJunk removes, in order, for
// --verbose: it runs the same dropJunk, so it can never disagree with
// what the article lost.
func droppedLines(s string) []string {
	all := splitLines(s)
	kept := dropJunk(all)
	var out []string
	k := 0
	for _, l := range all {
		if k < len(kept) && kept[k].raw == l.raw {
			k++
			continue
		}
		out = append(out, l.text)
	}
	return out
}

// shorten keeps a message to one readable line.
func shorten(s string) string {
	r := []rune(s)
	if len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}

package markdown

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/offprint/offprint/render"
	"github.com/offprint/offprint/render/read"
)

// metaFrom maps front matter onto Meta. Keys are matched without regard to
// case, under the names static-site generators use; anything else is
// ignored without a word, since front matter is mostly generator settings.
func metaFrom(raw map[string]any, opt read.Options) render.Meta {
	fm := make(map[string]any, len(raw))
	keys := make([]string, 0, len(raw))
	for k := range raw {
		keys = append(keys, k)
	}
	sort.Strings(keys) // "Title" and "title" both present: the same one wins every time
	for _, k := range keys {
		if _, dup := fm[strings.ToLower(k)]; !dup {
			fm[strings.ToLower(k)] = raw[k]
		}
	}
	str := func(names ...string) string {
		for _, n := range names {
			if v, ok := fm[n]; ok {
				if s := scalar(v); s != "" {
					return s
				}
			}
		}
		return ""
	}

	var m render.Meta
	m.Title = str("title")
	m.Subtitle = str("subtitle")
	m.Lang = str("lang", "language")
	m.Source = str("source", "url", "canonical_url")
	m.SiteName = str("site", "site_name")
	m.Description = str("description", "summary", "excerpt")
	m.Cover = str("cover", "image")

	for _, n := range []string{"authors", "author"} {
		if v, ok := fm[n]; ok {
			m.Authors = append(m.Authors, authors(v)...)
		}
	}
	if bio := str("bio"); bio != "" && len(m.Authors) == 1 && m.Authors[0].Bio == "" {
		m.Authors[0].Bio = bio
	}

	if v, ok := fm["date"]; ok {
		if d, ok := isoDate(v); ok {
			m.Date = d
		} else {
			opt.Warnf("meta", "date %q not understood (want 2006-01-02 or RFC 3339), left out", scalar(v))
		}
	}

	for _, n := range []string{"keywords", "tags"} {
		if v, ok := fm[n]; ok {
			if kw := list(v); len(kw) > 0 {
				m.Keywords = kw
				break
			}
		}
	}
	return m
}

// scalar renders a front matter value that should be a single string;
// YAML and TOML turn `title: 1984` into a number, which is still a title.
func scalar(v any) string {
	switch v := v.(type) {
	case string:
		return strings.TrimSpace(v)
	case int, int64, uint64, float64, bool:
		return fmt.Sprint(v)
	case time.Time:
		d, _ := isoDate(v)
		return d
	case fmt.Stringer: // TOML's local dates and times
		return v.String()
	}
	return ""
}

// authors accepts a name, a list of names, a {name, bio} map or a list of
// such maps. Names are never split: "A and B" may well be one band.
func authors(v any) []render.Author {
	switch v := v.(type) {
	case []any:
		var out []render.Author
		for _, e := range v {
			out = append(out, authors(e)...)
		}
		return out
	case []map[string]any: // TOML arrays of tables
		var out []render.Author
		for _, e := range v {
			out = append(out, authors(e)...)
		}
		return out
	case map[string]any:
		a := render.Author{}
		for k, x := range v {
			switch strings.ToLower(k) {
			case "name":
				a.Name = scalar(x)
			case "bio":
				a.Bio = scalar(x)
			}
		}
		if a.Name == "" {
			return nil
		}
		return []render.Author{a}
	}
	if s := scalar(v); s != "" {
		return []render.Author{{Name: s}}
	}
	return nil
}

// list accepts a list of strings or one comma-separated string.
func list(v any) []string {
	var out []string
	switch v := v.(type) {
	case []any:
		for _, e := range v {
			if s := scalar(e); s != "" {
				out = append(out, s)
			}
		}
	default:
		for _, s := range strings.Split(scalar(v), ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// isoDate normalises a front matter date: a calendar date stays a date, a
// moment becomes RFC 3339 in the offset the author wrote.
func isoDate(v any) (string, bool) {
	switch v := v.(type) {
	case time.Time:
		// BurntSushi/toml marks TOML's local dates and times by location.
		switch v.Location().String() {
		case "date-local":
			return v.Format("2006-01-02"), true
		case "datetime-local":
			return v.Format("2006-01-02T15:04:05"), true
		case "time-local":
			return "", false
		}
		if v.Hour() == 0 && v.Minute() == 0 && v.Second() == 0 && v.Nanosecond() == 0 && v.Location() == time.UTC {
			return v.Format("2006-01-02"), true
		}
		return v.Format(time.RFC3339), true
	case fmt.Stringer:
		return isoDate(v.String())
	case string:
		s := strings.TrimSpace(v)
		for _, layout := range []string{"2006-01-02", time.RFC3339, time.RFC3339Nano} {
			if t, err := time.Parse(layout, s); err == nil {
				if layout == "2006-01-02" {
					return t.Format("2006-01-02"), true
				}
				return t.Format(time.RFC3339), true
			}
		}
		// YAML's other timestamp forms and TOML's local date-times.
		for _, layout := range []string{"2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05 -07:00"} {
			if t, err := time.Parse(layout, s); err == nil {
				if strings.Contains(layout, "07:00") {
					return t.Format(time.RFC3339), true
				}
				return t.Format("2006-01-02T15:04:05"), true
			}
		}
	}
	return "", false
}

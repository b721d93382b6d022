package read

import (
	"bytes"
	"errors"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Decode turns input bytes into UTF-8 text by the one policy for every
// input: empty, whitespace-only and binary inputs are errors; UTF-16 (by
// its byte-order mark) and anything else that is not UTF-8 (read as
// Windows-1252, the web's de-facto Latin-1) are decoded and named in the
// returned warning. A UTF-8 byte-order mark is dropped.
func Decode(data []byte) (text string, warning string, err error) {
	switch {
	case len(data) == 0:
		return "", "", errors.New("the file is empty")
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		text = decodeUTF16(data[2:], data[0] == 0xFE)
		warning = "decoded from UTF-16"
		return check(text, warning)
	}
	if kind := fileKind(data); kind != "" {
		return "", "", errors.New("this is a binary file (" + kind + "), not an article (offprint reads text, Markdown and HTML)")
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return "", "", errors.New("this is a binary file (it holds NUL bytes), not an article")
	}
	if utf8.Valid(data) {
		return check(string(data), "")
	}
	dec, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return "", "", errors.New("the text could not be decoded")
	}
	return check(string(dec), "not valid UTF-8; decoded as Windows-1252")
}

func decodeUTF16(b []byte, bigEndian bool) string {
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		if bigEndian {
			u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
		} else {
			u = append(u, uint16(b[i+1])<<8|uint16(b[i]))
		}
	}
	return string(utf16.Decode(u))
}

// check refuses decoded text that holds no words, or that is mostly
// control characters (a binary file that happens to have no NUL byte).
func check(text, warning string) (string, string, error) {
	var printable, control, nonSpace int
	for i := 0; i < len(text); {
		// Most of any article is ASCII: judged byte by byte, a whole web
		// page takes a tenth of the time decoding every rune would.
		if c := text[i]; c < utf8.RuneSelf {
			i++
			switch {
			case c == '\n' || c == '\r' || c == '\t' || c == '\f':
			case c < 0x20 || c == 0x7f:
				control++
			default:
				printable++
			}
			if c != ' ' && (c < '\t' || c > '\r') {
				nonSpace++
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		switch {
		case unicode.IsControl(r) || r == utf8.RuneError:
			control++
		default:
			printable++
		}
		if !unicode.IsSpace(r) {
			nonSpace++
		}
	}
	if nonSpace == 0 {
		return "", "", errors.New("the file holds only whitespace")
	}
	if control*10 > printable+control {
		return "", "", errors.New("this is a binary file (mostly control characters), not an article")
	}
	return text, warning, nil
}

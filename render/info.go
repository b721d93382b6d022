package render

// Info is the Code of a Warning that only explains what a reader or a
// renderer did on purpose (a share bar dropped, the article extracted
// from a page): the output is as it should be, so it is shown with
// --verbose only and never counted by --strict.
const Info = "info"

// IsInfo reports whether w is an explanation rather than a warning.
func (w Warning) IsInfo() bool { return w.Code == Info }

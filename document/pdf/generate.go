package pdf

//go:generate go run ../../testdata/documents/gen -dir ../../testdata/documents

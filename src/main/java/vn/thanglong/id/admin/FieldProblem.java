package vn.thanglong.id.admin;

/** One bad field of a request, as an entry of a problem document's {@code errors} array. */
record FieldProblem(String field, String message) {
}

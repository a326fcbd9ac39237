/// A friendly page for a missing page, a bad address or a failure, with a way home.
struct ErrorPage {
    let heading: String
    let body: String
    let homeHref: String
    let homeLabel: String
}

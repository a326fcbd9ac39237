/// A request the server cannot act on because a parameter is malformed.
enum RequestError: Error, Equatable {
    /// `reasonKey` names the message explaining what a valid value looks like.
    case badParameter(name: String, value: String, reasonKey: String)
}

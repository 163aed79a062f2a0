namespace PetitionFunctions.Email;

/// <summary>
/// The recipient's address could not be parsed. A permanent failure: the transports report it as
/// <see cref="EmailSendResult.Rejected"/>. The message never contains the address.
/// </summary>
internal sealed class InvalidRecipientAddressException(Exception? inner = null)
    : Exception("The recipient address is not a valid email address.", inner);

using Azure;
using Azure.Data.Tables;
using PetitionFunctions.Email;

namespace PetitionFunctions.Signatures;

public sealed partial class SignatureTable
{
    /// <summary>
    /// An admin asks for the confirmation email again, for an unconfirmed signature whose email failed
    /// or never arrived: the failure record is cleared and a new request is claimed with the row's ETag,
    /// with its outbox row, in one batch. Never past <see cref="EmailAllowance.MaxEmailsPerSignature"/>.
    /// Null when the signature is not unconfirmed, has had its emails, or changed meanwhile.
    /// </summary>
    public async Task<EmailRequest?> RequestResendAsync(string campaign, string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await ReadAsync(campaign, key, cancellationToken) is not { } row) return null;
        var signature = ToStored(campaign, row);
        // An anonymised signature has no address left to write to.
        if (signature.State != SignatureState.Unconfirmed || signature.EmailsSent >= EmailAllowance.MaxEmailsPerSignature
            || string.IsNullOrEmpty(signature.ProtectedPersonalData)) return null;

        var sequence = Math.Max(signature.EmailRequests, signature.LastSentSequence) + 1;
        return await ClaimEmailAsync(row, new EmailRequest(campaign, key, sequence), now, cancellationToken);
    }
}

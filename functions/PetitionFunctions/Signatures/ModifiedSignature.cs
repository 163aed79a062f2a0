using Azure.Data.Tables;
using PetitionFunctions.Common;
using PetitionFunctions.Email;

namespace PetitionFunctions.Signatures;

/// <summary>A signature with the time its row was last written.</summary>
public sealed record ModifiedSignature(StoredSignature Signature, DateTimeOffset Modified);

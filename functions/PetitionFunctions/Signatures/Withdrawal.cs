using Azure.Data.Tables;
using PetitionFunctions.Email;

namespace PetitionFunctions.Signatures;

/// <summary>What withdrawing did: <see cref="Changed"/> is false for a signature already withdrawn; <see cref="WasCounted"/> says a -1 journal row was written.</summary>
public sealed record Withdrawal(bool Changed, bool WasCounted);

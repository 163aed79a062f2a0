using Azure.Data.Tables;
using PetitionFunctions.Email;

namespace PetitionFunctions.Signatures;

/// <summary>Who took a signature back: the signer through their withdraw link, or an admin erasing the person everywhere.</summary>
public enum WithdrawnBy
{
    Signer,
    Erasure,
}

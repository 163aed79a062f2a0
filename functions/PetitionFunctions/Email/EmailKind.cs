using PetitionFunctions.Common;

namespace PetitionFunctions.Email;

/// <summary>Which email a record is owed.</summary>
public enum EmailKind
{
    /// <summary>The link that confirms a signature or an endorsement.</summary>
    Confirm,

    /// <summary>To someone who signs again after confirming: "you have already signed", with a withdraw link.</summary>
    AlreadySigned,

    /// <summary>To a story's writer: the story arrived, with the link that withdraws it.</summary>
    Receipt,
}

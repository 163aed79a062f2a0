namespace PetitionFunctions.Common;

/// <summary>The languages every campaign text, email and error is written in.</summary>
public enum Language
{
    En,
    Es,
}

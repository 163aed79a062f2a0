using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace PetitionFunctions.Common;

public enum BodyFormat
{
    Json,
    Form,
}

using PetitionFunctions.Campaigns;
using PetitionFunctions.Counting;

namespace PetitionFunctions.Delivery;

public enum DeliveryKind
{
    Close,
    Goal,
    Every,
    Weekly,
    Manual,
}

// The one user-assigned managed identity the Function App runs as. It exists before the app, so its
// role assignments can be in place by the time the app first starts and resolves its settings.

@description('Name of the user-assigned managed identity.')
param name string

@description('Azure region.')
param location string

param tags object = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output principalId string = identity.properties.principalId
output clientId string = identity.properties.clientId

#!/bin/sh
# Gives the hub and each agency host a broker user of its own, so that each can be revoked or rotated alone.
# Run once by docker-compose's broker-users service, against the management API of the rabbitmq service.
set -eu

admin() {
  rabbitmqadmin --host=rabbitmq --port=15672 --username="$RABBITMQ_ADMIN_USER" --password="$RABBITMQ_ADMIN_PASSWORD" "$@"
}

# The management listener may open a moment after the node answers its health check.
tries=0
until admin list vhosts >/dev/null 2>&1; do
  tries=$((tries + 1))
  if [ "$tries" -ge 30 ]; then
    echo "The management API of rabbitmq:15672 did not answer." >&2
    exit 1
  fi
  sleep 2
done

add() {
  admin declare user name="$1" password="$2" tags=
  admin declare permission vhost=/ user="$1" configure='.*' write='.*' read='.*'
}

add hub "$RABBITMQ_HUB_PASSWORD"
add agency-social-security "$RABBITMQ_SOCIAL_SECURITY_PASSWORD"
add agency-housing-fund "$RABBITMQ_HOUSING_FUND_PASSWORD"
add agency-tax "$RABBITMQ_TAX_PASSWORD"
add agency-business-registry "$RABBITMQ_BUSINESS_REGISTRY_PASSWORD"
add agency-vehicle "$RABBITMQ_VEHICLE_PASSWORD"
add agency-bank "$RABBITMQ_BANK_PASSWORD"
